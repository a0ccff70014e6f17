#pragma once
// Counters the service exposes at GET /metrics in the Prometheus text format (version 0.0.4):
// requests by route template and status, a latency histogram by route, documents issued (new
// and replayed) and verification verdicts by route. Thread-safe; written by hand because the
// format is a few lines and a client library would be the service's largest dependency.

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>

namespace absah::server {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 12> kLatencyBuckets = {
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0};

  void record_request(const std::string& method, const std::string& route, int status,
                      double seconds);
  void record_issued(const std::string& type, bool replayed);
  void record_verdict(const std::string& route, const std::string& verdict);

  // The exposition text, metric families sorted by name, label sets in a stable order.
  std::string render() const;

 private:
  struct Histogram {
    std::array<uint64_t, kLatencyBuckets.size()> buckets{};  // non-cumulative counts
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex m_mutex;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> m_requests;
  std::map<std::string, Histogram> m_latency;
  std::map<std::pair<std::string, bool>, uint64_t> m_issued;
  std::map<std::pair<std::string, std::string>, uint64_t> m_verdicts;
};

// A label value escaped per the text format (backslash, double quote, newline).
std::string escape_label_value(const std::string& value);

}  // namespace absah::server
