#include "engine/server/metrics.h"

#include <gtest/gtest.h>

#include "engine/server/route_template.h"

namespace absah::server {
namespace {

TEST(Metrics, CountsRequestsAndFillsCumulativeBuckets) {
  Metrics m;
  m.record_request("GET", "/v/{seal}", 200, 0.003);
  m.record_request("GET", "/v/{seal}", 200, 0.2);
  m.record_request("POST", "/v1/documents", 422, 0.02);
  m.record_issued("kk", false);
  m.record_issued("kk", true);
  m.record_verdict("/v/{seal}", "revoked");
  const std::string text = m.render();
  EXPECT_NE(
      text.find("absah_http_requests_total{method=\"GET\",route=\"/v/{seal}\",status=\"200\"} 2"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find(
          "absah_http_requests_total{method=\"POST\",route=\"/v1/documents\",status=\"422\"} 1"),
      std::string::npos);
  // 0.003 s falls in le=0.005 and every bucket above; 0.2 s only from le=0.25.
  EXPECT_NE(
      text.find("absah_http_request_duration_seconds_bucket{route=\"/v/{seal}\",le=\"0.0025\"} 0"),
      std::string::npos);
  EXPECT_NE(
      text.find("absah_http_request_duration_seconds_bucket{route=\"/v/{seal}\",le=\"0.005\"} 1"),
      std::string::npos);
  EXPECT_NE(
      text.find("absah_http_request_duration_seconds_bucket{route=\"/v/{seal}\",le=\"0.25\"} 2"),
      std::string::npos);
  EXPECT_NE(
      text.find("absah_http_request_duration_seconds_bucket{route=\"/v/{seal}\",le=\"+Inf\"} 2"),
      std::string::npos);
  EXPECT_NE(text.find("absah_http_request_duration_seconds_count{route=\"/v/{seal}\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("absah_documents_issued_total{type=\"kk\",replayed=\"false\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("absah_verifications_total{route=\"/v/{seal}\",verdict=\"revoked\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("# TYPE absah_http_request_duration_seconds histogram"), std::string::npos);
}

TEST(Metrics, EscapesLabelValues) {
  EXPECT_EQ(escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

TEST(RouteTemplate, NamesRoutesWithoutTheirParameters) {
  EXPECT_EQ(route_template("GET", "/v/ABC123"), "/v/{seal}");
  EXPECT_EQ(route_template("GET", "/v1/documents/474.3/0001/DUKCAPIL/11/2026"),
            "/v1/documents/{number}");
  EXPECT_EQ(route_template("POST", "/v1/documents/474.3/0001/DUKCAPIL/11/2026/revoke"),
            "/v1/documents/{number}/revoke");
  EXPECT_EQ(route_template("POST", "/v1/documents"), "/v1/documents");
  EXPECT_EQ(route_template("GET", "/healthz"), "/healthz");
  EXPECT_EQ(route_template("GET", "/wp-admin/5271015003900001"), "other");
  EXPECT_EQ(route_template("GET", "/v/"), "other");
}

}  // namespace
}  // namespace absah::server
