// Registry throughput with several issuing PROCESSES on one database: each child opens its own
// registry and issues with the render callback stubbed (a fixed digest), all start together,
// and the figure is the total issues per second of wall time. Runs on SQLite (one file, WAL,
// synchronous=FULL) and, when ABSAH_TEST_POSTGRES_URL is set, on PostgreSQL (one schema).
//
// "same type": every process draws from one counter, the worst case for contention.
// "own type": each process issues its own document type, hence its own counter; they still
// share the database's write lock (SQLite) and the audit chain's head row (both).
//
//   bench_registry_processes [--issues N] [--processes 1,2] [--group K]
//
// --group K issues K requests per transaction through Registry::issue_many (group commit), as
// `render --batch --registry` does.

#include <libpq-fe.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/registry/registry.h"

namespace {

using namespace absah::registry;
using absah::Result;

constexpr int64_t kDay = 1795921200;  // 2026-11-29 10:00 WIB

IssueRequest request(int type_index) {
  IssueRequest r;
  r.type = "skpwni" + std::to_string(type_index);
  r.number_pattern = "SKPWNI" + std::to_string(type_index) + "/{office}/{ddmmyyyy}/{seq6}";
  r.subject_nik = "3171012501900001";
  r.office = "3171";
  r.issued_at = kDay;
  r.record_json = R"({"nama":"BUDI SANTOSO","nik":"3171012501900001","tujuan":"BANDUNG"})";
  r.seal_kid = "dev-seal-1";
  r.actor = "bench";
  return r;
}

Result<std::string> fixed_digest(const std::string&) {
  return std::string(64, 'a');
}

std::string fresh_url(bool postgres) {
  static int counter = 0;
  const std::string tag = std::to_string(getpid()) + "_" + std::to_string(counter++);
  if (!postgres) {
    auto dir = std::filesystem::temp_directory_path() / ("absah-registry-processes-" + tag);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return "sqlite:" + (dir / "registry.db").string();
  }
  const std::string base = std::getenv("ABSAH_TEST_POSTGRES_URL");
  const std::string schema = "absah_procbench" + tag;
  PGconn* conn = PQconnectdb(base.c_str());
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  PQclear(PQexec(
      conn, ("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema).c_str()));
  PQfinish(conn);
  return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

// One child: open, say ready, wait for the start signal, issue `issues` requests.
[[noreturn]] void child(const std::string& url, int type_index, int issues, int group, int ready_fd,
                        int go_fd) {
  auto reg = open_registry(url);
  if (!reg.ok()) {
    std::fprintf(stderr, "child: %s\n", reg.error().describe().c_str());
    _exit(2);
  }
  char byte = 'r';
  if (write(ready_fd, &byte, 1) != 1 || read(go_fd, &byte, 1) != 1) _exit(2);
  const IssueRequest r = request(type_index);
  for (int done = 0; done < issues;) {
    const int k = std::min(group, issues - done);
    if (group <= 1) {
      auto issued = reg.value()->issue(r, fixed_digest);
      if (!issued.ok()) {
        std::fprintf(stderr, "child: %s\n", issued.error().describe().c_str());
        _exit(3);
      }
    } else {
      std::vector<IssueRequest> batch(k, r);
      auto issued = reg.value()->issue_many(
          batch, [](size_t, const std::string& n) { return fixed_digest(n); });
      if (!issued.ok()) {
        std::fprintf(stderr, "child: %s\n", issued.error().describe().c_str());
        _exit(3);
      }
      for (const auto& one : issued.value())
        if (!one.ok()) {
          std::fprintf(stderr, "child: %s\n", one.error().describe().c_str());
          _exit(3);
        }
    }
    done += k;
  }
  _exit(0);
}

// Issues per second over all processes, or a negative value when a child failed.
double run(bool postgres, int processes, bool same_type, int issues, int group) {
  const std::string url = fresh_url(postgres);
  {
    auto reg = open_registry(url);  // migrate once, before the children race
    if (!reg.ok()) {
      std::fprintf(stderr, "%s\n", reg.error().describe().c_str());
      return -1;
    }
  }
  int ready[2], go[2];
  if (pipe(ready) != 0 || pipe(go) != 0) return -1;
  std::vector<pid_t> pids;
  for (int p = 0; p < processes; ++p) {
    pid_t pid = fork();
    if (pid == 0) child(url, same_type ? 0 : p, issues, group, ready[1], go[0]);
    pids.push_back(pid);
  }
  char byte;
  for (int p = 0; p < processes; ++p)
    if (read(ready[0], &byte, 1) != 1) return -1;
  const auto start = std::chrono::steady_clock::now();
  for (int p = 0; p < processes; ++p)
    if (write(go[1], "g", 1) != 1) return -1;
  bool failed = false;
  for (pid_t pid : pids) {
    int status = 0;
    waitpid(pid, &status, 0);
    failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (int fd : {ready[0], ready[1], go[0], go[1]}) close(fd);
  if (!postgres) std::filesystem::remove_all(std::filesystem::path(url.substr(7)).parent_path());
  return failed ? -1 : processes * issues / seconds;
}

std::vector<int> parse_list(const char* text) {
  std::vector<int> out;
  for (const char* p = text; *p;) {
    out.push_back(std::atoi(p));
    const char* comma = std::strchr(p, ',');
    if (!comma) break;
    p = comma + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int issues = 2000;
  int group = 1;
  std::vector<int> process_counts = {1, 2};
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--issues") == 0)
      issues = std::atoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--group") == 0)
      group = std::max(1, std::atoi(argv[i + 1]));
    else if (std::strcmp(argv[i], "--processes") == 0)
      process_counts = parse_list(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: %s [--issues N] [--processes 1,2] [--group K]\n", argv[0]);
      return 2;
    }
  }
  const char* pg = std::getenv("ABSAH_TEST_POSTGRES_URL");
  std::vector<bool> backends = {false};
  if (pg && *pg)
    backends.push_back(true);
  else
    std::fprintf(stderr, "set ABSAH_TEST_POSTGRES_URL to measure PostgreSQL too\n");

  std::printf("%-9s %-10s %9s %6s %12s\n", "backend", "counter", "processes", "group", "issues/s");
  int status = 0;
  for (bool postgres : backends)
    for (int processes : process_counts)
      for (bool same_type : {true, false}) {
        if (processes == 1 && !same_type) continue;
        const double rate = run(postgres, processes, same_type, issues, group);
        if (rate < 0) status = 1;
        std::printf("%-9s %-10s %9d %6d %12.0f\n", postgres ? "postgres" : "sqlite",
                    same_type ? "same type" : "own type", processes, group, rate);
        std::fflush(stdout);
      }
  return status;
}
