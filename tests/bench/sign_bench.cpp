// Median cost of signing one document (sign_pdf: ByteRange patch, SHA-256 over the ranges,
// CMS build, signature, hex) for each key kind: ECDSA P-256 and RSA-3072, as PEM files and in a
// SoftHSM2 token. Makes its own development PKI and throwaway token in a temporary directory.
//
// Not wired into CMake (tests/CMakeLists.txt builds unit tests only). Build by hand after
// `cmake --build build/sign --target absah_sign`:
//   g++ -std=c++20 -O2 -I. -I/usr/include/p11-kit-1 $(pkg-config --cflags cpp-httplib) \
//     tests/bench/sign_bench.cpp tests/unit/sign/sign_test_support.cpp
//     tests/tools/tsa/tsa_server.cpp \
//     build/sign/engine/sign/libabsah_sign.a build/sign/engine/base/libabsah_base.a \
//     -lcpp-httplib -lssl -lcrypto -lgtest -lpthread -ldl -o build/sign/sign_bench
//   build/sign/sign_bench [iterations]

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/sign/key_file_signer.h"
#include "engine/sign/pades.h"
#include "engine/sign/pkcs11_signer.h"
#include "tests/tools/tsa/tsa_server.h"
#include "tests/unit/sign/sign_test_support.h"

using namespace absah::sign;
using namespace absah::sign::testing;

namespace {

struct Stats {
  double median_ms = 0;
  double p90_ms = 0;
  size_t cms_bytes = 0;
};

Stats measure(Signer& signer, int iterations, const SignOptions& options = {}) {
  const std::string unsigned_pdf = make_placeholder_pdf();
  std::vector<double> ms;
  SignReport report;
  for (int i = 0; i < iterations + 5; ++i) {
    std::string pdf = unsigned_pdf;  // copy outside the timed region
    auto start = std::chrono::steady_clock::now();
    auto ok = sign_pdf(pdf, signer, options, &report);
    auto end = std::chrono::steady_clock::now();
    if (!ok.ok()) {
      std::fprintf(stderr, "sign failed: %s\n", ok.error().describe().c_str());
      std::exit(1);
    }
    if (i >= 5) ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[ms.size() * 9 / 10], report.cms_bytes};
}

}  // namespace

int main(int argc, char** argv) {
  int iterations = argc > 1 ? std::atoi(argv[1]) : 200;
  const auto& pki = pki_dir();
  std::vector<std::pair<std::string, std::unique_ptr<Signer>>> signers;
  for (const char* which : {"ec", "rsa"}) {
    auto s =
        KeyFileSigner::open({pki / (std::string("signing-") + which + "-key.pem"),
                             pki / (std::string("signing-") + which + ".pem"), pki / "chain.pem"});
    if (!s) return std::fprintf(stderr, "%s\n", s.error().describe().c_str()), 1;
    signers.emplace_back(std::string("file ") + (which[0] == 'e' ? "ECDSA P-256" : "RSA-3072"),
                         std::move(*s));
  }
  TempDir hsm;
  if (std::filesystem::exists(kDefaultPkcs11Module) && have_tool("softhsm2-util")) {
    std::filesystem::create_directories(hsm / "tokens");
    write_bytes(hsm / "softhsm2.conf",
                "directories.tokendir = " + (hsm / "tokens").string() + "\nlog.level = ERROR\n");
    ::setenv("SOFTHSM2_CONF", (hsm / "softhsm2.conf").c_str(), 1);
    run("softhsm2-util --init-token --free --label bench --pin 1234 --so-pin 5678");
    for (const char* which : {"ec", "rsa"}) {
      run("softhsm2-util --import " +
          quote((pki / (std::string("signing-") + which + "-key.pem")).string()) +
          " --token bench --label " + which + " --id 01 --force --pin 1234");
      Pkcs11Options o;
      o.certificate = pki / (std::string("signing-") + which + ".pem");
      o.chain = pki / "chain.pem";
      auto s = Pkcs11Signer::open(
          std::string("pkcs11:token=bench;object=") + which + "?pin-value=1234", o);
      if (!s) return std::fprintf(stderr, "%s\n", s.error().describe().c_str()), 1;
      signers.emplace_back(std::string("SoftHSM ") + (which[0] == 'e' ? "ECDSA P-256" : "RSA-3072"),
                           std::move(*s));
    }
  }
  std::printf("%-22s %10s %10s %10s  (%d documents each)\n", "signer", "median ms", "p90 ms",
              "CMS bytes", iterations);
  for (auto& [name, signer] : signers) {
    Stats s = measure(*signer, iterations);
    std::printf("%-22s %10.3f %10.3f %10zu\n", name.c_str(), s.median_ms, s.p90_ms, s.cms_bytes);
  }
  // B-T: the same file keys plus one RFC 3161 round trip to the loopback test TSA.
  absah::testing::TsaConfig tsa_config;
  tsa_config.certificate = pki / "tsa.pem";
  tsa_config.private_key = pki / "tsa-key.pem";
  tsa_config.chain = pki / "chain.pem";
  auto tsa = absah::testing::TsaServer::start(tsa_config);
  if (!tsa) return std::fprintf(stderr, "%s\n", tsa.error().describe().c_str()), 1;
  SignOptions bt;
  bt.tsa_url = (*tsa)->url();
  for (size_t i = 0; i < 2; ++i) {
    Stats s = measure(*signers[i].second, iterations / 4 + 1, bt);
    std::printf("%-22s %10.3f %10.3f %10zu\n", (signers[i].first + " B-T").c_str(), s.median_ms,
                s.p90_ms, s.cms_bytes);
  }
  return 0;
}
