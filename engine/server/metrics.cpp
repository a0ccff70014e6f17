#include "engine/server/metrics.h"

#include <cstdio>
#include <sstream>
#include <tuple>

namespace absah::server {

namespace {

std::string format_double(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

std::string escape_label_value(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

void Metrics::record_request(const std::string& method, const std::string& route, int status,
                             double seconds) {
  std::lock_guard lock(m_mutex);
  ++m_requests[{method, route, status}];
  Histogram& h = m_latency[route];
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) {
      ++h.buckets[i];
      break;
    }
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::record_issued(const std::string& type, bool replayed) {
  std::lock_guard lock(m_mutex);
  ++m_issued[{type, replayed}];
}

void Metrics::record_verdict(const std::string& route, const std::string& verdict) {
  std::lock_guard lock(m_mutex);
  ++m_verdicts[{route, verdict}];
}

std::string Metrics::render() const {
  std::lock_guard lock(m_mutex);
  std::ostringstream out;
  out << "# HELP absah_documents_issued_total Documents returned by POST /v1/documents.\n"
         "# TYPE absah_documents_issued_total counter\n";
  for (const auto& [key, n] : m_issued)
    out << "absah_documents_issued_total{type=\"" << escape_label_value(key.first)
        << "\",replayed=\"" << (key.second ? "true" : "false") << "\"} " << n << "\n";

  out << "# HELP absah_http_request_duration_seconds Time from request read to response "
         "written.\n"
         "# TYPE absah_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : m_latency) {
    const std::string label = "route=\"" + escape_label_value(route) + "\"";
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out << "absah_http_request_duration_seconds_bucket{" << label << ",le=\""
          << format_double(kLatencyBuckets[i]) << "\"} " << cumulative << "\n";
    }
    out << "absah_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} " << h.count
        << "\n";
    out << "absah_http_request_duration_seconds_sum{" << label << "} " << format_double(h.sum)
        << "\n";
    out << "absah_http_request_duration_seconds_count{" << label << "} " << h.count << "\n";
  }

  out << "# HELP absah_http_requests_total HTTP requests by method, route template and status.\n"
         "# TYPE absah_http_requests_total counter\n";
  for (const auto& [key, n] : m_requests)
    out << "absah_http_requests_total{method=\"" << escape_label_value(std::get<0>(key))
        << "\",route=\"" << escape_label_value(std::get<1>(key)) << "\",status=\""
        << std::get<2>(key) << "\"} " << n << "\n";

  out << "# HELP absah_verifications_total Verification verdicts by route.\n"
         "# TYPE absah_verifications_total counter\n";
  for (const auto& [key, n] : m_verdicts)
    out << "absah_verifications_total{route=\"" << escape_label_value(key.first) << "\",verdict=\""
        << escape_label_value(key.second) << "\"} " << n << "\n";
  return out.str();
}

}  // namespace absah::server
