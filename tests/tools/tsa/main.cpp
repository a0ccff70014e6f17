// absah-test-tsa --cert tsa.pem --key tsa-key.pem [--chain chain.pem] [--port N]
// Runs the test timestamp authority in the foreground and prints its URL, for trying
// `absah render --tsa URL` by hand with the development PKI (keys/dev/tsa.pem).

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "tests/tools/tsa/tsa_server.h"

int main(int argc, char** argv) {
  absah::testing::TsaConfig config;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string name = argv[i];
    if (name == "--cert")
      config.certificate = argv[i + 1];
    else if (name == "--key")
      config.private_key = argv[i + 1];
    else if (name == "--chain")
      config.chain = argv[i + 1];
    else if (name == "--port")
      config.port = std::atoi(argv[i + 1]);
    else {
      std::cerr << "unknown option " << name << "\n";
      return 2;
    }
  }
  if (config.certificate.empty() || config.private_key.empty()) {
    std::cerr << "usage: absah-test-tsa --cert tsa.pem --key tsa-key.pem [--chain chain.pem] "
                 "[--port N]\n";
    return 2;
  }
  auto server = absah::testing::TsaServer::start(config);
  if (!server) {
    std::cerr << server.error().describe() << "\n";
    return 2;
  }
  std::cout << (*server)->url() << std::endl;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  int sig = 0;
  sigwait(&set, &sig);
  return 0;
}
