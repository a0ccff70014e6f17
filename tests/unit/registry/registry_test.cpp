#include <gtest/gtest.h>

#include "tests/unit/registry/registry_fixture.h"

namespace absah::registry::testing {
namespace {

TEST_P(RegistryTest, IssueStoresTheDocumentUnderTheNextNumber) {
  auto reg = open();
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->schema_version(), 1);
  std::string seen;
  auto first = reg->issue(skpwni(), [&](const std::string& number) -> Result<std::string> {
    seen = number;
    return std::string(64, 'b');
  });
  ASSERT_TRUE(first.ok()) << first.error().describe();
  EXPECT_FALSE(first->replayed);
  EXPECT_EQ(seen, "SKPWNI/3171/29112026/0001");
  EXPECT_EQ(first->document.number, "SKPWNI/3171/29112026/0001");

  auto found = reg->find("SKPWNI/3171/29112026/0001");
  ASSERT_TRUE(found.ok()) << found.error().describe();
  EXPECT_EQ(found->type, "skpwni");
  EXPECT_EQ(found->subject_nik, "3171012501900001");
  EXPECT_EQ(found->office, "3171");
  EXPECT_EQ(found->issued_at, kDay);
  EXPECT_EQ(found->record_json, skpwni().record_json);
  EXPECT_EQ(found->record_sha256.size(), 64u);
  EXPECT_EQ(found->pdf_sha256, std::string(64, 'b'));
  EXPECT_EQ(found->seal_kid, "dev-seal-1");
  EXPECT_EQ(found->status, DocumentStatus::Active);

  auto second = reg->issue(skpwni(), renderer());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->document.number, "SKPWNI/3171/29112026/0002");
  EXPECT_NE(second->document.id, first->document.id);

  // The next day starts again at 1; another office has its own counter.
  auto next_day = reg->issue(skpwni("", kDay + 86400), renderer());
  ASSERT_TRUE(next_day.ok());
  EXPECT_EQ(next_day->document.number, "SKPWNI/3171/30112026/0001");
  IssueRequest other = skpwni();
  other.office = "3172";
  auto other_office = reg->issue(other, renderer());
  ASSERT_TRUE(other_office.ok());
  EXPECT_EQ(other_office->document.number, "SKPWNI/3172/29112026/0001");

  auto missing = reg->find("SKPWNI/3171/29112026/0099");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::RegistryNotFound);
}

TEST_P(RegistryTest, OfficeLocalDayDecidesTheDate) {
  auto reg = open();
  ASSERT_TRUE(reg);
  // 2026-11-29 20:00 UTC is already the 30th in Jakarta (WIB, UTC+7).
  auto r = reg->issue(skpwni("", kDay + 17 * 3600), renderer());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->document.number, "SKPWNI/3171/30112026/0001");
}

TEST_P(RegistryTest, PatternsWithoutTheDayCountPerMonth) {
  auto reg = open();
  ASSERT_TRUE(reg);
  IssueRequest r = skpwni();
  r.type = "surat_keterangan";
  r.number_pattern = "474.3/{seq4}/DUKCAPIL/{mm}/{yyyy}";
  auto a = reg->issue(r, renderer());
  r.issued_at += 86400;
  auto b = reg->issue(r, renderer());
  r.office = "3172";  // not in the number, so the same counter
  auto c = reg->issue(r, renderer());
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->document.number, "474.3/0001/DUKCAPIL/11/2026");
  EXPECT_EQ(b->document.number, "474.3/0002/DUKCAPIL/11/2026");
  EXPECT_EQ(c->document.number, "474.3/0003/DUKCAPIL/11/2026");

  r.number_pattern = "{office}-LU-{ddmmyyyy}-{seq4}";
  r.type = "lahir";
  auto d = reg->issue(r, renderer());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->document.number, "3172-LU-30112026-0001");

  r.number_pattern = "474.3/{sequence}/X";
  auto bad = reg->issue(r, renderer());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::Usage);
}

TEST_P(RegistryTest, RetryWithTheSameKeyReturnsTheSameDocument) {
  auto reg = open();
  ASSERT_TRUE(reg);
  int calls = 0;
  auto first = reg->issue(skpwni("req-42"), renderer(&calls));
  auto retry = reg->issue(skpwni("req-42"), renderer(&calls));
  ASSERT_TRUE(first.ok() && retry.ok());
  EXPECT_EQ(calls, 1) << "a replay must not render again";
  EXPECT_FALSE(first->replayed);
  EXPECT_TRUE(retry->replayed);
  EXPECT_EQ(retry->document.number, first->document.number);
  EXPECT_EQ(retry->document.id, first->document.id);

  auto by_key = reg->find_by_idempotency_key("req-42");
  ASSERT_TRUE(by_key.ok());
  EXPECT_EQ(by_key->number, "SKPWNI/3171/29112026/0001");

  // A new request (new key) takes the next number.
  auto again = reg->issue(skpwni("req-43"), renderer(&calls));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->document.number, "SKPWNI/3171/29112026/0002");

  // The same key for somebody else's document is a conflict, not a replay.
  IssueRequest other = skpwni("req-42");
  other.subject_nik = "3171012501900002";
  auto clash = reg->issue(other, renderer());
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, ErrorCode::RegistryConflict);
}

TEST_P(RegistryTest, FixedNumbersAreUniqueAmongActiveDocuments) {
  auto reg = open();
  ASSERT_TRUE(reg);
  IssueRequest ktp = skpwni();
  ktp.type = "ktp";
  ktp.number_pattern.clear();
  ktp.fixed_number = "3171012501900001";
  auto a = reg->issue(ktp, renderer());
  ASSERT_TRUE(a.ok()) << a.error().describe();
  EXPECT_EQ(a->document.number, "3171012501900001");
  auto dup = reg->issue(ktp, renderer());
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::RegistryConflict);

  ASSERT_TRUE(reg->revoke("3171012501900001", "lost", "petugas-2", kDay + 60).ok());
  auto reissued = reg->issue(ktp, renderer());
  ASSERT_TRUE(reissued.ok()) << reissued.error().describe();
  auto found = reg->find("3171012501900001");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, reissued->document.id);
  EXPECT_EQ(found->status, DocumentStatus::Active);
}

TEST_P(RegistryTest, RevokeRecordsReasonWhoAndWhen) {
  auto reg = open();
  ASSERT_TRUE(reg);
  auto doc = reg->issue(skpwni(), renderer());
  ASSERT_TRUE(doc.ok());
  const std::string number = doc->document.number;
  ASSERT_TRUE(reg->revoke(number, "data keliru", "kepala-dinas", kDay + 3600).ok());
  auto found = reg->find(number);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->status, DocumentStatus::Revoked);
  EXPECT_EQ(found->status_reason, "data keliru");
  EXPECT_EQ(found->status_by, "kepala-dinas");
  EXPECT_EQ(found->status_at, kDay + 3600);

  Status again = reg->revoke(number, "twice", "x", kDay + 7200);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::RegistryConflict);
  Status unknown = reg->revoke("NOPE/1", "x", "x", kDay);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::RegistryNotFound);
}

TEST_P(RegistryTest, SupersedeLinksTheNewerNumber) {
  auto reg = open();
  ASSERT_TRUE(reg);
  auto old_doc = reg->issue(skpwni(), renderer());
  auto new_doc = reg->issue(skpwni(), renderer());
  ASSERT_TRUE(old_doc.ok() && new_doc.ok());
  ASSERT_TRUE(
      reg->supersede(old_doc->document.number, new_doc->document.number, "petugas-1", kDay + 120)
          .ok());
  auto found = reg->find(old_doc->document.number);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->status, DocumentStatus::Superseded);
  EXPECT_EQ(found->superseded_by, new_doc->document.number);
  EXPECT_EQ(found->status_at, kDay + 120);
  EXPECT_EQ(reg->find(new_doc->document.number)->status, DocumentStatus::Active);

  EXPECT_EQ(
      reg->supersede(old_doc->document.number, new_doc->document.number, "x", kDay).error().code,
      ErrorCode::RegistryConflict);
  EXPECT_EQ(reg->supersede(new_doc->document.number, "NOPE/2", "x", kDay).error().code,
            ErrorCode::RegistryNotFound);
}

TEST_P(RegistryTest, AuditChainIsIntactAfterTheLifecycle) {
  auto reg = open();
  ASSERT_TRUE(reg);
  auto a = reg->issue(skpwni(), renderer());
  auto b = reg->issue(skpwni(), renderer());
  auto c = reg->issue(skpwni(), renderer());
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  ASSERT_TRUE(reg->revoke(a->document.number, "salah", "p", kDay + 1).ok());
  ASSERT_TRUE(reg->supersede(b->document.number, c->document.number, "p", kDay + 2).ok());
  auto report = reg->audit();
  ASSERT_TRUE(report.ok()) << report.error().describe();
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->entries, 5);
  EXPECT_EQ(report->first_broken, 0);
}

TEST_P(RegistryTest, AuditLogRefusesUpdatesAndReportsATamperedEntry) {
  auto reg = open();
  ASSERT_TRUE(reg);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(reg->issue(skpwni(), renderer()).ok());
  // The database itself refuses to rewrite history...
  EXPECT_FALSE(raw_exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"));
  // ...and someone who removes that guard is still caught by the chain.
  if (GetParam() == Backend::Postgres) {
    ASSERT_TRUE(raw_exec("DROP TRIGGER audit_log_append_only ON audit_log"));
  } else {
    ASSERT_TRUE(raw_exec("DROP TRIGGER audit_log_no_update"));
  }
  ASSERT_TRUE(raw_exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"));
  auto report = reg->audit();
  ASSERT_TRUE(report.ok()) << report.error().describe();
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_broken, 2);
  EXPECT_EQ(report->entries, 1);
}

TEST_P(RegistryTest, AuditReportsADocumentThatDiffersFromItsIssueEntry) {
  auto reg = open();
  ASSERT_TRUE(reg);
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(reg->issue(skpwni(), renderer()).ok());
  ASSERT_TRUE(raw_exec("UPDATE documents SET pdf_sha256 = '" + std::string(64, 'c') +
                       "' WHERE number = 'SKPWNI/3171/29112026/0002'"));
  auto report = reg->audit();
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_broken, 2);
  EXPECT_NE(report->reason.find("SKPWNI/3171/29112026/0002"), std::string::npos);
}

TEST_P(RegistryTest, AFailedRenderConsumesNoNumber) {
  auto reg = open();
  ASSERT_TRUE(reg);
  std::string tried;
  auto failed = reg->issue(skpwni("k"), [&](const std::string& number) -> Result<std::string> {
    tried = number;
    return Error(ErrorCode::PdfWrite, "pdf", "disk full");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::PdfWrite);
  EXPECT_EQ(tried, "SKPWNI/3171/29112026/0001");
  EXPECT_EQ(reg->find(tried).error().code, ErrorCode::RegistryNotFound);
  EXPECT_EQ(reg->find_by_idempotency_key("k").error().code, ErrorCode::RegistryNotFound);

  // A digest that is not a digest is refused the same way.
  auto garbage = reg->issue(skpwni(), [](const std::string&) -> Result<std::string> {
    return std::string("not-a-digest");
  });
  ASSERT_FALSE(garbage.ok());

  // The retry gets the number the failed attempt saw: nothing was consumed.
  auto retry = reg->issue(skpwni("k"), renderer());
  ASSERT_TRUE(retry.ok());
  EXPECT_FALSE(retry->replayed);
  EXPECT_EQ(retry->document.number, "SKPWNI/3171/29112026/0001");
  auto report = reg->audit();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok);
  EXPECT_EQ(report->entries, 1);
}

TEST_P(RegistryTest, RejectsBadUrlsAndRequests) {
  EXPECT_EQ(open_registry("mysql://x").error().code, ErrorCode::Usage);
  EXPECT_EQ(open_registry("sqlite:").error().code, ErrorCode::Usage);
  EXPECT_EQ(open_registry("sqlite:/nonexistent-dir/x/y.db").error().code,
            ErrorCode::RegistryUnavailable);
  auto reg = open();
  ASSERT_TRUE(reg);
  IssueRequest r = skpwni();
  r.number_pattern.clear();
  EXPECT_EQ(reg->issue(r, renderer()).error().code, ErrorCode::Usage);
  EXPECT_EQ(reg->issue(skpwni(), nullptr).error().code, ErrorCode::Usage);
}

TEST_P(RegistryTest, ReopeningKeepsDataAndSchemaVersion) {
  {
    auto reg = open();
    ASSERT_TRUE(reg);
    ASSERT_TRUE(reg->issue(skpwni(), renderer()).ok());
  }
  auto reg = open();
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->schema_version(), 1);
  EXPECT_TRUE(reg->find("SKPWNI/3171/29112026/0001").ok());
  EXPECT_EQ(reg->issue(skpwni(), renderer())->document.number, "SKPWNI/3171/29112026/0002");
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backend_name);

}  // namespace
}  // namespace absah::registry::testing
