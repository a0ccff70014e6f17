#include "tests/tools/tsa/tsa_server.h"

#include <httplib.h>
#include <openssl/pem.h>
#include <openssl/ts.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "engine/base/file_io.h"
#include "engine/sign/openssl_util.h"

namespace absah::testing {

using namespace absah::sign;

struct TsaServer::State {
  X509Ptr cert;
  EvpPkeyPtr key;
  std::vector<X509Ptr> chain;
  std::string policy_oid;
  httplib::Server server;
  std::thread thread;
  int port = 0;
  std::mutex mutex;  // TS_RESP_CTX is built per request, but the serial counter is shared
  long serial = 0;
  std::atomic<size_t> served{0};

  static ASN1_INTEGER* next_serial(TS_RESP_CTX*, void* data) {
    auto* self = static_cast<State*>(data);
    ASN1_INTEGER* serial = ASN1_INTEGER_new();
    ASN1_INTEGER_set(serial, ++self->serial);
    return serial;
  }

  // One TimeStampResp for one DER TimeStampReq; an empty string on internal failure.
  std::string respond(const std::string& request) {
    std::lock_guard lock(mutex);
    using RespCtxPtr = std::unique_ptr<TS_RESP_CTX, OsslDeleter<TS_RESP_CTX_free>>;
    RespCtxPtr ctx(TS_RESP_CTX_new());
    X509StackPtr certs(sk_X509_new_null());
    for (const auto& c : chain) {
      X509_up_ref(c.get());
      sk_X509_push(certs.get(), c.get());
    }
    std::unique_ptr<ASN1_OBJECT, OsslDeleter<ASN1_OBJECT_free>> policy(
        OBJ_txt2obj(policy_oid.c_str(), 1));
    if (!ctx || !policy || TS_RESP_CTX_set_signer_cert(ctx.get(), cert.get()) != 1 ||
        TS_RESP_CTX_set_signer_key(ctx.get(), key.get()) != 1 ||
        TS_RESP_CTX_set_certs(ctx.get(), certs.get()) != 1 ||
        TS_RESP_CTX_set_def_policy(ctx.get(), policy.get()) != 1 ||
        TS_RESP_CTX_add_md(ctx.get(), EVP_sha256()) != 1 ||
        TS_RESP_CTX_set_signer_digest(ctx.get(), EVP_sha256()) != 1 ||
        TS_RESP_CTX_set_ess_cert_id_digest(ctx.get(), EVP_sha256()) != 1)
      return {};
    TS_RESP_CTX_set_serial_cb(ctx.get(), next_serial, this);
    BioPtr in(BIO_new_mem_buf(request.data(), static_cast<int>(request.size())));
    TsRespPtr resp(TS_RESP_create_response(ctx.get(), in.get()));
    if (!resp) return {};
    int len = i2d_TS_RESP(resp.get(), nullptr);
    if (len <= 0) return {};
    std::string out(static_cast<size_t>(len), '\0');
    auto* p = reinterpret_cast<uint8_t*>(out.data());
    i2d_TS_RESP(resp.get(), &p);
    ++served;
    return out;
  }
};

Result<std::unique_ptr<TsaServer>> TsaServer::start(const TsaConfig& config) {
  auto state = std::make_unique<State>();
  state->policy_oid = config.policy_oid;
  auto cert_pem = read_file(config.certificate, 1 << 20);
  if (!cert_pem) return cert_pem.take_error();
  auto certs = parse_pem_certificates(*cert_pem, config.certificate.string());
  if (!certs) return certs.take_error();
  state->cert = std::move(certs->front());
  auto key_pem = read_file(config.private_key, 1 << 20);
  if (!key_pem) return key_pem.take_error();
  BioPtr bio(BIO_new_mem_buf(key_pem->data(), static_cast<int>(key_pem->size())));
  state->key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!state->key) return openssl_error(ErrorCode::Io, config.private_key.string(), "bad key");
  if (!config.chain.empty()) {
    auto chain_pem = read_file(config.chain, 1 << 20);
    if (!chain_pem) return chain_pem.take_error();
    auto chain = parse_pem_certificates(*chain_pem, config.chain.string());
    if (!chain) return chain.take_error();
    state->chain = std::move(*chain);
  }

  State* s = state.get();
  s->server.Post("/tsa", [s](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Content-Type") != "application/timestamp-query") {
      res.status = 415;
      return;
    }
    std::string reply = s->respond(req.body);
    if (reply.empty()) {
      res.status = 500;
      return;
    }
    res.set_content(reply, "application/timestamp-reply");
  });
  if (config.port == 0)
    s->port = s->server.bind_to_any_port("127.0.0.1");
  else
    s->port = s->server.bind_to_port("127.0.0.1", config.port) ? config.port : -1;
  if (s->port <= 0) return Error(ErrorCode::Io, "tsa", "cannot bind a loopback port");
  s->thread = std::thread([s] { s->server.listen_after_bind(); });
  // stop() is a no-op until the accept loop runs, so wait for it before handing out the server.
  for (int i = 0; i < 2000 && !s->server.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return std::unique_ptr<TsaServer>(new TsaServer(std::move(state)));
}

TsaServer::TsaServer(std::unique_ptr<State> state) : m_state(std::move(state)) {}

TsaServer::~TsaServer() {
  m_state->server.stop();
  if (m_state->thread.joinable()) m_state->thread.join();
}

std::string TsaServer::url() const {
  return "http://127.0.0.1:" + std::to_string(m_state->port) + "/tsa";
}

int TsaServer::port() const {
  return m_state->port;
}

size_t TsaServer::requests_served() const {
  return m_state->served.load();
}

}  // namespace absah::testing
