#include "engine/cli/batch_command.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>
#include <vector>

#include "engine/base/data_dir.h"
#include "engine/cli/args.h"
#include "engine/cli/batch_manifest.h"
#include "engine/cli/batch_record.h"
#include "engine/cli/bounded_queue.h"
#include "engine/cli/cli_support.h"
#include "engine/cli/progress_reporter.h"
#include "engine/cli/registered_issue.h"
#include "engine/cli/render_pool.h"
#include "engine/cli/signing_setup.h"
#include "engine/registry/sha256_hex.h"

namespace absah::cli {

namespace fs = std::filesystem;

namespace {

constexpr unsigned kMaxJobs = 256;
// Lines waiting per worker: enough to keep workers busy, few enough to keep memory flat.
constexpr size_t kQueuedLinesPerJob = 4;
// Records per registry transaction: one durable commit per group instead of one per document.
constexpr size_t kDefaultGroupSize = 32;
constexpr size_t kMaxGroupSize = 4096;
// A group also goes out when its first record has waited this long (a slow pipe as input).
constexpr std::chrono::milliseconds kGroupFillTime{50};

struct BatchLine {
  uint64_t number = 0;
  std::string text;
};

// What one worker owns: its signer when it renders itself (a signer serves one render at a
// time; grouped workers leave rendering to the pool) and its registry connection.
struct Worker {
  std::optional<SigningSetup> signing;
  std::unique_ptr<registry::Registry> registry;
};

struct BatchContext {
  const render::Renderer* renderer = nullptr;
  fs::path out_dir;
  int64_t issue_time_unix = 0;
  bool fail_fast = false;
  ManifestWriter* manifest = nullptr;
  ProgressReporter* progress = nullptr;
  BoundedQueue<BatchLine>* queue = nullptr;
  size_t group_size = 1;
  // With a registry: renders the groups' documents on all cores while a group holds its
  // transaction.
  RenderPool* pool = nullptr;
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> written{0};
  std::atomic<uint64_t> warned{0};  // documents with layout warnings
};

// A file complete on disk or absent: temporary name, then rename. No fsync per file — that
// would cost more than the render; the batch syncs the folder once at the end, and a machine
// crash before that is recovered by re-running (the registry replays what it holds).
Status write_output(const fs::path& path, const std::string& bytes) {
  const fs::path tmp = path.string() + ".part";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Error(ErrorCode::Io, path.string(), "cannot create the file");
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = std::fclose(f) == 0 && ok;
  std::error_code ec;
  if (ok) fs::rename(tmp, path, ec);
  if (!ok || ec) {
    fs::remove(tmp, ec);
    return Error(ErrorCode::Io, path.string(), "cannot write the file");
  }
  return ok_status();
}

std::optional<std::string> sha256_of_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return std::nullopt;
  return registry::sha256_hex(bytes);
}

// Issues one line; the manifest entry on success, the error otherwise.
Result<ManifestSuccess> issue_line(BatchContext& ctx, Worker& worker, const BatchLine& line,
                                   bool& skipped) {
  auto parsed = parse_batch_line(line.number, line.text);
  if (!parsed) return parsed.take_error();
  ManifestSuccess entry;
  entry.line = line.number;
  entry.type = parsed->type;
  entry.file = batch_file_name(line.number, parsed->type);
  const fs::path out = ctx.out_dir / entry.file;

  render::RenderRequest request;
  request.type = parsed->type;
  request.record = std::move(parsed->record);
  request.issue_time_unix = ctx.issue_time_unix;
  attach_signing(request, worker.signing);

  std::optional<render::RenderedDocument> doc;
  if (worker.registry) {
    entry.idempotency_key = parsed->idempotency_key.empty() ? derived_idempotency_key(*parsed)
                                                            : parsed->idempotency_key;
    auto known = worker.registry->find_by_idempotency_key(entry.idempotency_key);
    if (known) {
      if (sha256_of_file(out) == known->pdf_sha256) {
        entry.number = known->number;
        entry.sha256 = known->pdf_sha256;
        entry.status = "already_issued";
        skipped = true;
        return entry;
      }
      // Registered but the file is missing or different: render it again, dated as issued.
      request.issue_time_unix = known->issued_at;
    } else if (known.error().code != ErrorCode::RegistryNotFound) {
      return known.take_error();
    }
    auto issued = issue_registered(*ctx.renderer, *worker.registry, std::move(request),
                                   entry.idempotency_key);
    if (!issued) return issued.take_error();
    entry.status = issued->replayed ? "replayed" : "issued";
    doc = std::move(issued->document);
  } else {
    auto rendered = ctx.renderer->render(request);
    if (!rendered) return rendered.take_error();
    entry.status = "rendered";
    doc = std::move(*rendered);
  }
  ABSAH_TRY_STATUS(write_output(out, doc->pdf));
  entry.number = doc->number;
  entry.sha256 = registry::sha256_hex(doc->pdf);
  entry.warnings = std::move(doc->warnings);
  return entry;
}

// The manifest entry or error line of one input line, the terminal message, the counters.
void report(BatchContext& ctx, uint64_t line_number, const Result<ManifestSuccess>& result,
            bool skipped) {
  const std::string where = "line " + std::to_string(line_number) + ": ";
  // Warnings go to the manifest only: a batch of 100 000 would drown the errors in them.
  if (result && !result->warnings.empty()) ctx.warned.fetch_add(1, std::memory_order_relaxed);
  Status logged = result ? ctx.manifest->append_success(*result)
                         : ctx.manifest->append_error(line_number, result.error());
  if (!result) ctx.progress->message(where + "error: " + result.error().describe());
  if (!logged) ctx.progress->message("error: " + logged.error().describe());
  if (!result || !logged) {
    ctx.progress->record_failed();
    if (ctx.fail_fast) {
      ctx.stop = true;
      ctx.queue->abandon();
    }
  } else if (skipped) {
    ctx.progress->record_skipped();
  } else {
    ctx.progress->record_done();
    ctx.written.fetch_add(1, std::memory_order_relaxed);
  }
}

Result<ManifestSuccess> unexpected(const std::exception& e) {
  return Error(ErrorCode::Internal, "", std::string("unexpected failure: ") + e.what());
}

// One registry issue (one transaction) per line.
void run_worker(BatchContext& ctx, Worker& worker) {
  while (auto line = ctx.queue->pop()) {
    bool skipped = false;
    Result<ManifestSuccess> result = Error(ErrorCode::Internal, "", "not processed");
    try {
      result = issue_line(ctx, worker, *line, skipped);
    } catch (const std::exception& e) {
      result = unexpected(e);
    }
    report(ctx, line->number, result, skipped);
  }
}

// A validated record waiting for its group's transaction.
struct PendingRecord {
  ManifestSuccess entry;
  render::RenderRequest request;
};

// Parses, validates and looks up one line before it may join a group: a bad record is
// reported here and never takes a number; a registered record whose file is intact is skipped.
// Returns the record to issue, or nullopt when the line is settled.
std::optional<PendingRecord> prepare_line(BatchContext& ctx, Worker& worker,
                                          const BatchLine& line) {
  auto settle = [&](Result<ManifestSuccess> result, bool skipped) {
    report(ctx, line.number, result, skipped);
    return std::nullopt;
  };
  auto parsed = parse_batch_line(line.number, line.text);
  if (!parsed) return settle(parsed.take_error(), false);
  render::RenderRequest check;
  check.type = parsed->type;
  check.record = parsed->record;
  check.issue_time_unix = ctx.issue_time_unix;
  if (Status valid = ctx.renderer->validate(check); !valid)
    return settle(valid.take_error(), false);
  PendingRecord pending;
  ManifestSuccess& entry = pending.entry;
  entry.line = line.number;
  entry.type = parsed->type;
  entry.file = batch_file_name(line.number, parsed->type);
  entry.idempotency_key =
      parsed->idempotency_key.empty() ? derived_idempotency_key(*parsed) : parsed->idempotency_key;
  auto known = worker.registry->find_by_idempotency_key(entry.idempotency_key);
  if (known) {
    if (sha256_of_file(ctx.out_dir / entry.file) == known->pdf_sha256) {
      entry.number = known->number;
      entry.sha256 = known->pdf_sha256;
      entry.status = "already_issued";
      return settle(std::move(entry), true);
    }
    // Registered but the file is missing or different: the group replays it.
  } else if (known.error().code != ErrorCode::RegistryNotFound) {
    return settle(known.take_error(), false);
  }
  pending.request.type = parsed->type;
  pending.request.record = std::move(parsed->record);
  pending.request.issue_time_unix = ctx.issue_time_unix;
  // The registry records the seal key's id; the pool attaches its own thread's signer later.
  attach_signing(pending.request, ctx.pool->describing_setup());
  return pending;
}

// Issues a group in one transaction; files and manifest lines only after it committed.
void issue_group(BatchContext& ctx, Worker& worker, std::vector<PendingRecord>& group) {
  std::vector<render::RenderRequest> requests;
  std::vector<std::string> keys;
  requests.reserve(group.size());
  keys.reserve(group.size());
  for (PendingRecord& p : group) {
    requests.push_back(std::move(p.request));
    keys.push_back(p.entry.idempotency_key);
  }
  auto issued = issue_registered_group(*ctx.renderer, *worker.registry, requests, keys,
                                       [&ctx](std::vector<render::RenderRequest> numbered) {
                                         return ctx.pool->render_all(std::move(numbered));
                                       });
  requests.clear();
  for (size_t i = 0; i < group.size(); ++i) {
    ManifestSuccess& entry = group[i].entry;
    Result<ManifestSuccess> result = Error(ErrorCode::Internal, "", "not processed");
    if (!issued) {
      result = issued.error();  // the transaction failed: nothing of the group was stored
    } else if (auto& one = (*issued)[i]; !one) {
      result = one.error();
    } else {
      entry.status = one->replayed ? "replayed" : "issued";
      entry.number = one->document.number;
      entry.sha256 = registry::sha256_hex(one->document.pdf);
      entry.warnings = std::move(one->document.warnings);
      Status written = write_output(ctx.out_dir / entry.file, one->document.pdf);
      one->document.pdf.clear();
      if (written)
        result = std::move(entry);
      else
        result = written.error();
    }
    report(ctx, entry.line, result, false);
  }
  group.clear();
}

// Up to `group_size` records per registry transaction; a group goes out when full, when the
// input has nothing more to give right now (its end, or kGroupFillTime without a line).
void run_group_worker(BatchContext& ctx, Worker& worker) {
  std::vector<PendingRecord> group;
  group.reserve(ctx.group_size);
  auto take = [&](const BatchLine& line) {
    try {
      if (auto pending = prepare_line(ctx, worker, line)) group.push_back(std::move(*pending));
    } catch (const std::exception& e) {
      report(ctx, line.number, unexpected(e), false);
    }
  };
  while (auto first = ctx.queue->pop()) {
    const auto deadline = std::chrono::steady_clock::now() + kGroupFillTime;
    take(*first);
    while (group.size() < ctx.group_size && !ctx.stop) {
      auto next = ctx.queue->pop_until(deadline);
      if (!next) break;
      take(*next);
    }
    if (group.empty()) continue;
    try {
      issue_group(ctx, worker, group);
    } catch (const std::exception& e) {
      for (const PendingRecord& p : group) report(ctx, p.entry.line, unexpected(e), false);
      group.clear();
    }
  }
}

// Non-blank lines of a regular file, for the progress total; nullopt for pipes.
std::optional<uint64_t> count_records(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::string text;
  uint64_t n = 0;
  while (std::getline(in, text))
    if (text.find_first_not_of(" \t\r") != std::string::npos) ++n;
  return n;
}

int usage_error(const Error& error) {
  std::cerr << "usage: absah render --batch R.jsonl --out-dir D [--jobs N] [--registry URL "
               "[--group-size K]] [--fail-fast] [--unsigned | --key K ...]\n";
  print_error(std::cerr, error);
  return kExitUsage;
}

Result<unsigned> parse_jobs(const Args& args) {
  auto text = args.get("jobs");
  if (!text) return std::max(1u, std::thread::hardware_concurrency());
  char* end = nullptr;
  unsigned long v = std::strtoul(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || v == 0 || v > kMaxJobs)
    return Error(ErrorCode::Usage, "--jobs", "expected a number from 1 to 256");
  return static_cast<unsigned>(v);
}

Result<size_t> parse_group_size(const Args& args) {
  auto text = args.get("group-size");
  if (!text) return kDefaultGroupSize;
  char* end = nullptr;
  unsigned long v = std::strtoul(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || v == 0 || v > kMaxGroupSize)
    return Error(ErrorCode::Usage, "--group-size", "expected a number from 1 to 4096");
  return static_cast<size_t>(v);
}

}  // namespace

bool is_batch_render(const Argv& argv) {
  for (const std::string& a : argv)
    if (a == "--batch" || a.rfind("--batch=", 0) == 0) return true;
  return false;
}

int run_render_batch(const Argv& argv) {
  ArgSpec spec{{"batch", "out-dir", "jobs", "data-dir", "registry", "group-size"},
               {"unsigned", "fail-fast"}};
  spec.valued.insert(signing_option_names().begin(), signing_option_names().end());
  auto args = parse_args(argv, spec);
  if (!args) return usage_error(args.error());
  for (const char* required : {"batch", "out-dir"})
    if (!args->get(required))
      return usage_error(
          Error(ErrorCode::Usage, std::string("--") + required, "option is required"));
  auto jobs = parse_jobs(*args);
  if (!jobs) return usage_error(jobs.error());
  auto group_size = parse_group_size(*args);
  if (!group_size) return usage_error(group_size.error());
  const fs::path input_path = *args->get("batch");
  std::ifstream input(input_path, std::ios::binary);
  if (!input) return usage_error(Error(ErrorCode::Io, input_path.string(), "cannot read"));
  const fs::path out_dir = *args->get("out-dir");
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec || !fs::is_directory(out_dir))
    return usage_error(Error(ErrorCode::Io, out_dir.string(), "cannot create the folder"));
  auto now = current_time_unix();
  if (!now) return usage_error(now.error());
  auto renderer = make_renderer(args->get_or("data-dir", ""));
  if (!renderer) return usage_error(renderer.error());

  const auto registry_url = args->get("registry");
  // Grouped workers take a group's worth of lines at once; the queue holds that much per worker.
  const size_t group = registry_url ? *group_size : 1;
  // In groups, the workers prepare and number groups and a pool renders them, with the signers;
  // otherwise each worker renders with its own. Either way one signer per job.
  const bool pooled = group > 1;
  std::vector<std::optional<SigningSetup>> setups;
  for (unsigned i = 0; i < *jobs; ++i) {
    auto opened = open_signing_unless_unsigned(*args);
    if (!opened) return usage_error(opened.error());
    if (registry_url && !*opened)
      return usage_error(
          Error(ErrorCode::Usage, "--registry", "only signed documents are registered"));
    setups.push_back(std::move(*opened));
  }
  std::vector<Worker> workers(*jobs);
  for (size_t i = 0; i < workers.size(); ++i) {
    if (!pooled) workers[i].signing = std::move(setups[i]);
    if (registry_url) {
      auto reg = registry::open_registry(*registry_url);
      if (!reg) return usage_error(reg.error());
      workers[i].registry = std::move(*reg);
    }
  }
  std::optional<RenderPool> pool;
  if (pooled) pool.emplace(**renderer, std::move(setups));
  auto manifest = ManifestWriter::open(out_dir / "manifest.jsonl");
  if (!manifest) return usage_error(manifest.error());

  BoundedQueue<BatchLine> queue(*jobs * std::max(kQueuedLinesPerJob, group));
  ProgressReporter progress(std::cerr, ::isatty(STDERR_FILENO) == 1, count_records(input_path));
  BatchContext ctx;
  ctx.renderer = renderer->get();
  ctx.out_dir = out_dir;
  ctx.issue_time_unix = *now;
  ctx.fail_fast = args->has("fail-fast");
  ctx.manifest = manifest->get();
  ctx.progress = &progress;
  ctx.queue = &queue;
  ctx.group_size = group;
  ctx.pool = pool ? &*pool : nullptr;

  std::vector<std::thread> threads;
  threads.reserve(workers.size());
  for (Worker& w : workers)
    threads.emplace_back(
        [&ctx, &w, group] { group > 1 ? run_group_worker(ctx, w) : run_worker(ctx, w); });

  std::string text;
  uint64_t line_number = 0;
  while (!ctx.stop && std::getline(input, text)) {
    ++line_number;
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    if ((*manifest)->already_done(line_number)) {
      progress.record_skipped();
      continue;
    }
    if (!queue.push(BatchLine{line_number, std::move(text)})) break;
    text.clear();
  }
  queue.close();
  for (auto& t : threads) t.join();
  progress.finish();

  // Files were written without a sync each; one sync of the folder makes them durable.
  if (int fd = ::open(out_dir.c_str(), O_RDONLY | O_DIRECTORY); fd >= 0) {
    ::syncfs(fd);
    ::close(fd);
  }
  const ProgressCounts c = progress.counts();
  const double seconds = progress.elapsed_seconds();
  const uint64_t written = ctx.written.load();
  std::printf(
      "batch: %llu written, %llu skipped, %llu failed in %.2f s (%.1f doc/s); manifest %s\n",
      static_cast<unsigned long long>(written), static_cast<unsigned long long>(c.skipped),
      static_cast<unsigned long long>(c.failed), seconds,
      seconds > 0 ? static_cast<double>(written) / seconds : 0.0,
      (out_dir / "manifest.jsonl").c_str());
  if (uint64_t warned = ctx.warned.load())
    std::printf("%llu document(s) with layout warnings, listed in the manifest\n",
                static_cast<unsigned long long>(warned));
  if (ctx.stop) std::fprintf(stderr, "batch stopped at the first failure (--fail-fast)\n");
  return c.failed > 0 ? kExitNegative : kExitOk;
}

}  // namespace absah::cli
