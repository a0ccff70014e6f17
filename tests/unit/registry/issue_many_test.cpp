// Group commit: several issues in one transaction, a savepoint each.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <set>

#include "tests/unit/registry/registry_fixture.h"

namespace absah::registry::testing {
namespace {

using IssueManyTest = RegistryTest;

Result<std::string> digest_of(size_t index, const std::string&) {
  return std::string(64, static_cast<char>('a' + index % 6));
}

TEST_P(IssueManyTest, AFailedRenderRollsBackOnlyItsOwnRecord) {
  auto reg = open();
  ASSERT_TRUE(reg);
  std::vector<IssueRequest> group = {skpwni("k0"), skpwni("k1"), skpwni("k2"), skpwni("k3")};
  std::vector<std::string> offered;
  auto results = reg->issue_many(group, [&](size_t i, const std::string& number) {
    offered.push_back(number);
    if (i == 1) return Result<std::string>(Error(ErrorCode::PdfWrite, "pdf", "disk full"));
    return digest_of(i, number);
  });
  ASSERT_TRUE(results.ok()) << results.error().describe();
  ASSERT_EQ(results->size(), 4u);
  EXPECT_TRUE((*results)[0].ok());
  ASSERT_FALSE((*results)[1].ok());
  EXPECT_EQ((*results)[1].error().code, ErrorCode::PdfWrite);
  // The group was numbered 1-4 and rendered; k1 failed, so it was numbered again without k1: k0
  // kept number 1 and its render, k2 and k3 moved down and were rendered again. Still gapless.
  EXPECT_EQ(offered,
            (std::vector<std::string>{skpwni_number(1), skpwni_number(2), skpwni_number(3),
                                      skpwni_number(4), skpwni_number(2), skpwni_number(3)}));
  EXPECT_EQ((*results)[2]->document.number, skpwni_number(2));
  EXPECT_EQ((*results)[3]->document.number, skpwni_number(3));
  EXPECT_EQ(reg->find_by_idempotency_key("k1").error().code, ErrorCode::RegistryNotFound);
  EXPECT_EQ(reg->find(skpwni_number(4)).error().code, ErrorCode::RegistryNotFound);
  EXPECT_EQ(reg->find(skpwni_number(3))->pdf_sha256, std::string(64, 'd'));

  // The chain holds exactly the three committed issues, and the next single issue continues it.
  auto next = reg->issue(skpwni("k1"), renderer());
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->document.number, skpwni_number(4));
  auto report = reg->audit();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->entries, 4);
}

TEST_P(IssueManyTest, TheWholeGroupIsHandedToTheRendererAtOnce) {
  auto reg = open();
  ASSERT_TRUE(reg);
  std::vector<IssueRequest> group;
  for (int i = 0; i < 8; ++i) group.push_back(skpwni("key-" + std::to_string(i)));
  std::vector<size_t> call_sizes;
  auto results =
      reg->issue_many(group, GroupRenderCallback([&](const std::vector<NumberedRequest>& todo) {
                        call_sizes.push_back(todo.size());
                        std::vector<Result<std::string>> digests;
                        for (const NumberedRequest& one : todo) {
                          EXPECT_EQ(one.number, skpwni_number(static_cast<int>(one.index) + 1));
                          digests.push_back(std::string(64, 'e'));
                        }
                        return digests;
                      }));
  ASSERT_TRUE(results.ok()) << results.error().describe();
  EXPECT_EQ(call_sizes, std::vector<size_t>{8});
  for (size_t i = 0; i < 8; ++i) {
    ASSERT_TRUE((*results)[i].ok());
    EXPECT_EQ((*results)[i]->document.number, skpwni_number(static_cast<int>(i) + 1));
    EXPECT_EQ(reg->find(skpwni_number(static_cast<int>(i) + 1))->pdf_sha256, std::string(64, 'e'));
  }
}

TEST_P(IssueManyTest, ARendererThatLosesAnswersFailsTheGroupAndStoresNothing) {
  auto reg = open();
  ASSERT_TRUE(reg);
  auto results = reg->issue_many({skpwni("a"), skpwni("b")},
                                 GroupRenderCallback([](const std::vector<NumberedRequest>&) {
                                   return std::vector<Result<std::string>>{std::string(64, 'a')};
                                 }));
  ASSERT_FALSE(results.ok());
  EXPECT_EQ(results.error().code, ErrorCode::Internal);
  EXPECT_EQ(reg->find(skpwni_number(1)).error().code, ErrorCode::RegistryNotFound);
  // Nothing was kept: the next issue is number 1.
  auto next = reg->issue(skpwni("a"), renderer());
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->document.number, skpwni_number(1));
}

TEST_P(IssueManyTest, AFixedNumberTwiceInOneGroupIsIssuedOnce) {
  auto reg = open();
  ASSERT_TRUE(reg);
  IssueRequest card = skpwni();
  card.type = "ktp_el";
  card.number_pattern.clear();
  card.fixed_number = "3171012501900001";
  auto results = reg->issue_many({card, card}, digest_of);
  ASSERT_TRUE(results.ok()) << results.error().describe();
  EXPECT_TRUE((*results)[0].ok());
  ASSERT_FALSE((*results)[1].ok());
  EXPECT_EQ((*results)[1].error().code, ErrorCode::RegistryConflict);
  auto report = reg->audit();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->entries, 1);
}

TEST_P(IssueManyTest, KnownKeysReplayInsideAGroup) {
  auto reg = open();
  ASSERT_TRUE(reg);
  ASSERT_TRUE(reg->issue(skpwni("old"), renderer()).ok());
  // "new" twice in one group: the second sees the first, uncommitted, through the transaction.
  auto results = reg->issue_many({skpwni("old"), skpwni("new"), skpwni("new")}, digest_of);
  ASSERT_TRUE(results.ok());
  EXPECT_TRUE((*results)[0]->replayed);
  EXPECT_EQ((*results)[0]->document.number, skpwni_number(1));
  EXPECT_FALSE((*results)[1]->replayed);
  EXPECT_EQ((*results)[1]->document.number, skpwni_number(2));
  EXPECT_TRUE((*results)[2]->replayed);
  EXPECT_EQ((*results)[2]->document.number, skpwni_number(2));
  auto report = reg->audit();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->entries, 2);
}

TEST_P(IssueManyTest, AGroupKilledBeforeCommitLeavesNothing) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    auto reg = open_registry(m_url);
    if (!reg.ok()) _exit(2);
    (void)reg.value()->issue_many(
        {skpwni("a"), skpwni("b")}, [&](size_t i, const std::string& number) {
          if (i == 1) {  // the first record is issued but not committed: die here
            (void)!write(fds[1], "x", 1);
            for (;;) pause();
          }
          return digest_of(i, number);
        });
    _exit(4);
  }
  close(fds[1]);
  char byte = 0;
  ASSERT_EQ(read(fds[0], &byte, 1), 1);
  close(fds[0]);
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  auto reg = open();
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->find(skpwni_number(1)).error().code, ErrorCode::RegistryNotFound);
  EXPECT_EQ(reg->find_by_idempotency_key("a").error().code, ErrorCode::RegistryNotFound);
  auto report = reg->audit();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok);
  EXPECT_EQ(report->entries, 0);
}

// Two processes issuing groups of mixed types on the same counters, while a third issues one at
// a time: every number once, no gap, an intact chain (and, on PostgreSQL, no deadlock).
TEST_P(IssueManyTest, TwoProcessesIssuingGroupsGetGaplessUniqueNumbers) {
  constexpr int kGroups = 20;
  constexpr int kGroupSize = 10;
  auto other_type = [&] {
    IssueRequest r = skpwni();
    r.type = "skpd";
    r.number_pattern = "SKPD/{office}/{ddmmyyyy}/{seq4}";
    return r;
  };
  run_issuers(3, [&](int p, Registry& reg) {
    for (int g = 0; g < kGroups; ++g) {
      if (p == 2) {
        auto one = reg.issue(g % 2 ? other_type() : skpwni(), renderer());
        if (!one.ok()) return child_failed(p, one.error());
        continue;
      }
      std::vector<IssueRequest> group;
      for (int i = 0; i < kGroupSize; ++i) group.push_back((i + p) % 2 ? other_type() : skpwni());
      if (int failed = group_failed(p, reg.issue_many(group, digest_of))) return failed;
    }
    return 0;
  });
  auto reg = open();
  ASSERT_TRUE(reg);
  constexpr int kPerType = kGroups * kGroupSize + kGroups / 2;  // 2 group issuers + 1 single
  for (const char* prefix : {"SKPWNI", "SKPD"}) {
    for (int seq = 1; seq <= kPerType; ++seq) {
      char number[64];
      std::snprintf(number, sizeof number, "%s/3171/29112026/%04d", prefix, seq);
      ASSERT_TRUE(reg->find(number).ok()) << "gap at " << number;
    }
    char past[64];
    std::snprintf(past, sizeof past, "%s/3171/29112026/%04d", prefix, kPerType + 1);
    EXPECT_FALSE(reg->find(past).ok());
  }
  auto report = reg->audit();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->entries, 2 * kPerType);
}

// Two processes issue the same cards (fixed numbers: no counter serialises them) with the same
// keys at the same moment, rendering slowly: whoever stores second meets the other's keys and
// answers with its documents. Each card is issued once and both processes agree on it.
TEST_P(IssueManyTest, TwoGroupsRacingOnTheSameKeysIssueEachOnce) {
  constexpr int kCards = 6;
  std::vector<IssueRequest> group;
  for (int i = 0; i < kCards; ++i) {
    IssueRequest card = skpwni("card-" + std::to_string(i));
    card.type = "ktp_el";
    card.number_pattern.clear();
    card.fixed_number = "31710125019000" + std::to_string(10 + i);
    card.subject_nik = card.fixed_number;
    group.push_back(card);
  }
  run_issuers(2, [&](int p, Registry& reg) {
    return group_failed(p, reg.issue_many(group, [](size_t i, const std::string& number) {
      usleep(20000);
      return digest_of(i, number);
    }));
  });
  auto reg = open();
  ASSERT_TRUE(reg);
  for (int i = 0; i < kCards; ++i) {
    auto card = reg->find_by_idempotency_key("card-" + std::to_string(i));
    ASSERT_TRUE(card.ok());
    EXPECT_EQ(card->number, group[static_cast<size_t>(i)].fixed_number);
  }
  auto report = reg->audit();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->entries, kCards);
}

INSTANTIATE_TEST_SUITE_P(Backends, IssueManyTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backend_name);

}  // namespace
}  // namespace absah::registry::testing
