#pragma once
// Progress of a batch on stderr: on a terminal a bar redrawn in place with rate and ETA, else
// (logs, CI) a plain line every few seconds. Counters are atomics the workers bump; a
// background thread draws, so rendering threads never wait on the terminal.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>

namespace absah::cli {

struct ProgressCounts {
  uint64_t done = 0;  // finished this run: written, skipped or failed
  uint64_t failed = 0;
  uint64_t skipped = 0;           // already issued in an earlier run
  std::optional<uint64_t> total;  // lines in the input, when known
};

// "[#######-------------]  3500/10000  35.0%  812 doc/s  ETA 8s  (2 failed)" for a terminal
// (width = bar cells), or "batch: 3500/10000 done (35.0%), 812 doc/s, ETA 8s, 2 failed" plain.
std::string format_progress(const ProgressCounts& counts, double seconds, bool terminal,
                            int width = 24);

std::string format_duration(double seconds);

class ProgressReporter {
 public:
  ProgressReporter(std::ostream& out, bool terminal, std::optional<uint64_t> total);
  ~ProgressReporter();

  void record_done() { m_done.fetch_add(1, std::memory_order_relaxed); }
  void record_failed() {
    m_failed.fetch_add(1, std::memory_order_relaxed);
    record_done();
  }
  void record_skipped() {
    m_skipped.fetch_add(1, std::memory_order_relaxed);
    record_done();
  }

  // Prints a message on its own line (the bar is cleared first and redrawn after).
  void message(const std::string& line);

  // Stops the drawing thread and prints the final state.
  void finish();

  ProgressCounts counts() const;
  double elapsed_seconds() const;

 private:
  void run();
  void draw_locked(bool final_line);

  std::ostream& m_out;
  const bool m_terminal;
  const std::optional<uint64_t> m_total;
  const std::chrono::steady_clock::time_point m_start;
  std::atomic<uint64_t> m_done{0}, m_failed{0}, m_skipped{0};
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  bool m_finished = false;
  std::thread m_thread;
};

}  // namespace absah::cli
