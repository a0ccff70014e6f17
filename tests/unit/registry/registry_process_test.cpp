// Several processes against one registry: numbering under concurrent issuers, and a process
// killed in the middle of an issue.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <set>

#include "tests/unit/registry/registry_fixture.h"

namespace absah::registry::testing {
namespace {

using RegistryProcessTest = RegistryTest;

TEST_P(RegistryProcessTest, FourProcessesIssueAThousandGaplessNumbers) {
  constexpr int kProcesses = 4;
  constexpr int kEach = 250;
  run_issuers(kProcesses, [&](int p, Registry& reg) {
    for (int i = 0; i < kEach; ++i) {
      auto r = reg.issue(skpwni(), renderer());
      if (!r.ok()) return child_failed(p, r.error());
    }
    return 0;
  });
  auto reg = open();
  ASSERT_TRUE(reg);
  std::set<int64_t> ids;
  for (int seq = 1; seq <= kProcesses * kEach; ++seq) {
    auto d = reg->find(skpwni_number(seq));
    ASSERT_TRUE(d.ok()) << "gap at " << seq;
    ids.insert(d->id);
  }
  EXPECT_EQ(ids.size(), size_t{kProcesses * kEach});
  EXPECT_FALSE(reg->find(skpwni_number(kProcesses * kEach + 1)).ok());
  auto report = reg->audit();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->entries, kProcesses * kEach);
}

TEST_P(RegistryProcessTest, AProcessKilledMidIssueLeavesNothingHalfDone) {
  {
    auto reg = open();
    ASSERT_TRUE(reg);
    ASSERT_TRUE(reg->issue(skpwni(), renderer()).ok());  // number 0001
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    auto reg = open_registry(m_url);
    if (!reg.ok()) _exit(2);
    (void)reg.value()->issue(skpwni("killed"),
                             [&](const std::string& number) -> Result<std::string> {
                               // The number is allocated and the transaction open: tell the parent,
                               // then wait to die.
                               (void)!write(fds[1], number.data(), number.size());
                               close(fds[1]);
                               for (;;) pause();
                             });
    _exit(4);
  }
  close(fds[1]);
  char buf[128] = {};
  ssize_t n = read(fds[0], buf, sizeof buf - 1);
  close(fds[0]);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buf, n), skpwni_number(2));
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status));

  auto reg = open();
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->find(skpwni_number(2)).error().code, ErrorCode::RegistryNotFound);
  EXPECT_EQ(reg->find_by_idempotency_key("killed").error().code, ErrorCode::RegistryNotFound);
  // The killed attempt's number is handed out again: no gap, and the retry with the same key
  // is a fresh issue, not a replay.
  auto retry = reg->issue(skpwni("killed"), renderer());
  ASSERT_TRUE(retry.ok()) << retry.error().describe();
  EXPECT_FALSE(retry->replayed);
  EXPECT_EQ(retry->document.number, skpwni_number(2));
  auto report = reg->audit();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->entries, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryProcessTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backend_name);

}  // namespace
}  // namespace absah::registry::testing
