#pragma once
// `absah serve` as a child process of a test: started on a free loopback port (--listen
// 127.0.0.1:0, the port read from its first line of output), its access log captured in a
// file, stopped with SIGTERM like a service manager would.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace absah::testing {

class ServerProcess {
 public:
  // Starts `absah serve --listen 127.0.0.1:0 <args>` and waits (at most 20 s) until it listens.
  // On failure port() is 0 and startup_output() says why.
  ServerProcess(const std::vector<std::string>& args, const std::filesystem::path& log_file);
  ~ServerProcess();

  int port() const { return m_port; }
  const std::string& startup_output() const { return m_startup_output; }
  pid_t pid() const { return m_pid; }

  // Sends SIGTERM (or nothing when the signal is 0) and waits for the exit; returns the exit
  // status, or -1 when the process did not exit normally within the time limit.
  int terminate(int signal_number, int timeout_ms = 20000);

 private:
  pid_t m_pid = -1;
  int m_port = 0;
  std::string m_startup_output;
};

}  // namespace absah::testing
