#pragma once
// A tiny RFC 3161 timestamp authority for tests: OpenSSL's TS_RESP_CTX behind a cpp-httplib
// server on 127.0.0.1 (RFC 3161 §3.4, HTTP POST application/timestamp-query). Not for
// production: the clock is the machine's, serials are a counter, nothing is logged.

#include <filesystem>
#include <memory>
#include <string>

#include "engine/base/result.h"

namespace absah::testing {

struct TsaConfig {
  std::filesystem::path certificate;  // PEM, EKU critical timeStamping
  std::filesystem::path private_key;  // PEM
  std::filesystem::path chain;        // optional PEM CA certificates included in replies
  std::string policy_oid = "1.3.6.1.4.1.59999.1.1";  // AD-HOC: an arbitrary private-arc OID
  int port = 0;                                      // 0: any free port
};

class TsaServer {
 public:
  static Result<std::unique_ptr<TsaServer>> start(const TsaConfig& config);
  ~TsaServer();

  std::string url() const;  // http://127.0.0.1:PORT/tsa
  int port() const;
  size_t requests_served() const;

 private:
  struct State;
  explicit TsaServer(std::unique_ptr<State> state);
  std::unique_ptr<State> m_state;
};

}  // namespace absah::testing
