// Registry throughput without rendering: issues per second (one transaction each, the render
// callback returns a fixed digest) and lookups per second by number, on SQLite (WAL,
// synchronous=FULL) and, when ABSAH_TEST_POSTGRES_URL is set, on PostgreSQL.

#include <benchmark/benchmark.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
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
    auto dir = std::filesystem::temp_directory_path() /
               ("absah-registry-bench-" + std::to_string(getpid()) + "-" +
                std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return "sqlite:" + (dir / "registry.db").string();
  }
  std::string base = std::getenv("ABSAH_TEST_POSTGRES_URL");
  std::string schema = "absah_bench" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  PGconn* conn = PQconnectdb(base.c_str());
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  PQclear(PQexec(conn, ("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema)
                           .c_str()));
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
    std::snprintf(number, sizeof number, "SKPWNI/3171/29112026/%06d", (i++ * 7919) % kDocuments + 1);
    auto found = reg.value()->find(number);
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
