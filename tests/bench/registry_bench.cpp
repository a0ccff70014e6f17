// Registry throughput without rendering: issues per second (one transaction each, the render
// callback returns a fixed digest) and lookups per second by number, on SQLite (WAL,
// synchronous=FULL) and, when ABSAH_TEST_POSTGRES_URL is set, on PostgreSQL. Lookups on SQLite
// are also measured with 10 000, 100 000 and 1 000 000 registered documents, to show they stay
// flat as the registry grows.

#include <benchmark/benchmark.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "engine/registry/registry.h"

namespace {

using absah::Result;
using namespace absah::registry;

constexpr int64_t kDay = 1795921200;  // 2026-11-29 10:00 WIB

IssueRequest request() {
  IssueRequest r;
  r.type = "skpwni";
  r.number_pattern = "SKPWNI/{office}/{ddmmyyyy}/{seq6}";
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

// A fresh database per benchmark: a temporary SQLite file or a new PostgreSQL schema.
std::string fresh_url(bool postgres) {
  static int counter = 0;
  if (!postgres) {
    auto dir =
        std::filesystem::temp_directory_path() /
        ("absah-registry-bench-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return "sqlite:" + (dir / "registry.db").string();
  }
  std::string base = std::getenv("ABSAH_TEST_POSTGRES_URL");
  std::string schema = "absah_bench" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  PGconn* conn = PQconnectdb(base.c_str());
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  PQclear(PQexec(
      conn, ("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema).c_str()));
  PQfinish(conn);
  return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

void bm_issue(benchmark::State& state, bool postgres) {
  auto reg = open_registry(fresh_url(postgres));
  if (!reg.ok()) {
    state.SkipWithError(reg.error().describe().c_str());
    return;
  }
  IssueRequest r = request();
  for (auto _ : state) {
    auto issued = reg.value()->issue(r, fixed_digest);
    if (!issued.ok()) {
      state.SkipWithError(issued.error().describe().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}

void bm_lookup(benchmark::State& state, bool postgres) {
  auto reg = open_registry(fresh_url(postgres));
  if (!reg.ok()) {
    state.SkipWithError(reg.error().describe().c_str());
    return;
  }
  constexpr int kDocuments = 2000;
  IssueRequest r = request();
  for (int i = 0; i < kDocuments; ++i) (void)reg.value()->issue(r, fixed_digest);
  int i = 0;
  char number[64];
  for (auto _ : state) {
    std::snprintf(number, sizeof number, "SKPWNI/3171/29112026/%06d",
                  (i++ * 7919) % kDocuments + 1);
    auto found = reg.value()->find(number);
    if (!found.ok()) {
      state.SkipWithError(found.error().describe().c_str());
      break;
    }
    benchmark::DoNotOptimize(found.value().pdf_sha256.data());
  }
  state.SetItemsProcessed(state.iterations());
}

// A SQLite registry holding `documents` allocated numbers SKPWNI/3171/29112026/0000001 onwards.
// Issuing a million documents one transaction at a time would take minutes, so the rows go in
// with one INSERT ... SELECT in a single transaction, straight into the schema the registry
// made; lookups read them through the registry like any other document. Built once per size.
Registry* filled_sqlite_registry(int64_t documents) {
  static std::map<int64_t, std::unique_ptr<Registry>> filled;
  if (auto it = filled.find(documents); it != filled.end()) return it->second.get();
  const std::string url = fresh_url(false);
  auto reg = open_registry(url);
  if (!reg.ok()) return nullptr;
  sqlite3* db = nullptr;
  if (sqlite3_open(url.substr(std::string("sqlite:").size()).c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return nullptr;
  }
  const std::string fill =
      "BEGIN;"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
      std::to_string(documents) +
      ") INSERT INTO documents (type, number, fixed_number, subject_nik, office, issued_at, "
      "record_json, record_sha256, pdf_sha256, seal_kid, status) "
      "SELECT 'skpwni', printf('SKPWNI/3171/29112026/%07d', i), 0, '3171012501900001', '3171', "
      "1795921200, '{\"nama\":\"BUDI SANTOSO\"}', printf('%064d', i), printf('%064d', i), "
      "'dev-seal-1', 'active' FROM n;"
      "COMMIT;";
  char* message = nullptr;
  const int rc = sqlite3_exec(db, fill.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) std::fprintf(stderr, "registry_bench: fill failed: %s\n", message);
  sqlite3_free(message);
  sqlite3_close(db);
  if (rc != SQLITE_OK) return nullptr;
  return (filled[documents] = std::move(reg.value())).get();
}

void bm_lookup_at_size(benchmark::State& state) {
  const int64_t documents = state.range(0);
  Registry* reg = filled_sqlite_registry(documents);
  if (!reg) {
    state.SkipWithError("could not fill the registry");
    return;
  }
  int64_t i = 0;
  char number[64];
  for (auto _ : state) {
    // A stride that is coprime with every size visits numbers spread over the whole index.
    std::snprintf(number, sizeof number, "SKPWNI/3171/29112026/%07lld",
                  static_cast<long long>((i++ * 7919) % documents + 1));
    auto found = reg->find(number);
    if (!found.ok()) {
      state.SkipWithError(found.error().describe().c_str());
      break;
    }
    benchmark::DoNotOptimize(found.value().pdf_sha256.data());
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::RegisterBenchmark("registry_issue/sqlite", bm_issue, false)->UseRealTime();
  benchmark::RegisterBenchmark("registry_lookup/sqlite", bm_lookup, false)->UseRealTime();
  benchmark::RegisterBenchmark("registry_lookup/sqlite/documents", bm_lookup_at_size)
      ->Arg(10'000)
      ->Arg(100'000)
      ->Arg(1'000'000)
      ->Unit(benchmark::kMicrosecond)
      ->UseRealTime();
  const char* pg = std::getenv("ABSAH_TEST_POSTGRES_URL");
  if (pg && *pg) {
    benchmark::RegisterBenchmark("registry_issue/postgres", bm_issue, true)->UseRealTime();
    benchmark::RegisterBenchmark("registry_lookup/postgres", bm_lookup, true)->UseRealTime();
  } else {
    std::fprintf(stderr, "registry_bench: set ABSAH_TEST_POSTGRES_URL to measure PostgreSQL too\n");
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
