#include "tests/integration/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <thread>

#include "tests/integration/tool_runner.h"

namespace absah::testing {

ServerProcess::ServerProcess(const std::vector<std::string>& args,
                             const std::filesystem::path& log_file) {
  int out[2];
  if (::pipe(out) != 0) return;
  std::vector<std::string> argv_strings = {ABSAH_BINARY, "serve", "--listen", "127.0.0.1:0"};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  m_pid = ::fork();
  if (m_pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    int log = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (log >= 0) ::dup2(log, STDERR_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    ::setenv("ABSAH_DATA_DIR", source_dir().c_str(), 1);
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
  char buf[256];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;  // exited
    m_startup_output.append(buf, static_cast<size_t>(n));
    std::smatch m;
    if (std::regex_search(m_startup_output, m, listening)) {
      m_port = std::stoi(m[1].str());
      break;
    }
  }
  // Later output ("stopped") is not read; the pipe buffer holds it.
  ::close(out[0]);
  if (m_port == 0) m_startup_output += "\n" + read_text(log_file);
}

ServerProcess::~ServerProcess() {
  if (m_pid > 0) terminate(SIGKILL, 5000);
}

int ServerProcess::terminate(int signal_number, int timeout_ms) {
  if (m_pid <= 0) return -1;
  if (signal_number != 0) ::kill(m_pid, signal_number);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
    if (r == m_pid) {
      m_pid = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(m_pid, SIGKILL);
  ::waitpid(m_pid, &status, 0);
  m_pid = -1;
  return -1;
}

}  // namespace absah::testing
