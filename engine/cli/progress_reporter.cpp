#include "engine/cli/progress_reporter.h"

#include <cmath>
#include <cstdio>

namespace absah::cli {

namespace {

// Terminal redraws often enough to look alive; logs get a line they can afford to keep.
constexpr auto kTerminalInterval = std::chrono::milliseconds(200);
constexpr auto kPlainInterval = std::chrono::seconds(5);

}  // namespace

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  auto s = static_cast<uint64_t>(std::llround(seconds));
  char buf[48];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lluh%02llum", static_cast<unsigned long long>(s / 3600),
                  static_cast<unsigned long long>(s % 3600 / 60));
  else if (s >= 60)
    std::snprintf(buf, sizeof buf, "%llum%02llus", static_cast<unsigned long long>(s / 60),
                  static_cast<unsigned long long>(s % 60));
  else
    std::snprintf(buf, sizeof buf, "%llus", static_cast<unsigned long long>(s));
  return buf;
}

std::string format_progress(const ProgressCounts& c, double seconds, bool terminal, int width) {
  const double rate = seconds > 0 ? static_cast<double>(c.done) / seconds : 0.0;
  char rate_text[32];
  std::snprintf(rate_text, sizeof rate_text, "%.0f doc/s", rate);
  std::string eta = "ETA ?";
  std::string fraction = std::to_string(c.done);
  double percent = -1;
  if (c.total) {
    fraction += "/" + std::to_string(*c.total);
    if (*c.total > 0) percent = 100.0 * static_cast<double>(c.done) / static_cast<double>(*c.total);
    if (rate > 0 && *c.total >= c.done)
      eta = "ETA " + format_duration(static_cast<double>(*c.total - c.done) / rate);
  }
  char percent_text[16] = "";
  if (percent >= 0) std::snprintf(percent_text, sizeof percent_text, "%.1f%%", percent);
  std::string out;
  if (terminal) {
    std::string bar(static_cast<size_t>(width), '-');
    if (percent >= 0) {
      auto filled = static_cast<size_t>(percent / 100.0 * width);
      for (size_t i = 0; i < filled && i < bar.size(); ++i) bar[i] = '#';
    }
    out = "[" + bar + "]  " + fraction;
    if (percent >= 0) out += "  " + std::string(percent_text);
    out += "  " + std::string(rate_text) + "  " + eta;
    if (c.skipped) out += "  (" + std::to_string(c.skipped) + " skipped)";
    if (c.failed) out += "  (" + std::to_string(c.failed) + " failed)";
  } else {
    out = "batch: " + fraction + " done";
    if (percent >= 0) out += " (" + std::string(percent_text) + ")";
    out += ", " + std::string(rate_text) + ", " + eta;
    if (c.skipped) out += ", " + std::to_string(c.skipped) + " skipped";
    if (c.failed) out += ", " + std::to_string(c.failed) + " failed";
  }
  return out;
}

ProgressReporter::ProgressReporter(std::ostream& out, bool terminal, std::optional<uint64_t> total)
    : m_out(out), m_terminal(terminal), m_total(total), m_start(std::chrono::steady_clock::now()) {
  m_thread = std::thread([this] { run(); });
}

ProgressReporter::~ProgressReporter() {
  finish();
}

ProgressCounts ProgressReporter::counts() const {
  ProgressCounts c;
  c.done = m_done.load(std::memory_order_relaxed);
  c.failed = m_failed.load(std::memory_order_relaxed);
  c.skipped = m_skipped.load(std::memory_order_relaxed);
  c.total = m_total;
  return c;
}

double ProgressReporter::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
}

void ProgressReporter::draw_locked(bool final_line) {
  std::string text = format_progress(counts(), elapsed_seconds(), m_terminal);
  if (m_terminal)
    m_out << "\r\x1b[K" << text << (final_line ? "\n" : "") << std::flush;
  else
    m_out << text << "\n" << std::flush;
}

void ProgressReporter::run() {
  std::unique_lock lock(m_mutex);
  const auto interval =
      m_terminal ? std::chrono::duration_cast<std::chrono::milliseconds>(kTerminalInterval)
                 : std::chrono::duration_cast<std::chrono::milliseconds>(kPlainInterval);
  while (!m_stop) {
    if (m_wake.wait_for(lock, interval, [&] { return m_stop; })) break;
    draw_locked(false);
  }
}

void ProgressReporter::message(const std::string& line) {
  std::lock_guard lock(m_mutex);
  if (m_terminal) m_out << "\r\x1b[K";
  m_out << line << "\n";
  if (m_terminal && !m_stop) draw_locked(false);
  m_out << std::flush;
}

void ProgressReporter::finish() {
  {
    std::lock_guard lock(m_mutex);
    if (m_finished) return;
    m_finished = true;
    m_stop = true;
    m_wake.notify_all();
  }
  if (m_thread.joinable()) m_thread.join();
  std::lock_guard lock(m_mutex);
  draw_locked(true);
}

}  // namespace absah::cli
