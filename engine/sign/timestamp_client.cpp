#include "engine/sign/timestamp_client.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include "engine/sign/http_post.h"
#include "engine/sign/openssl_util.h"

namespace absah::sign {

namespace {

using TsVerifyCtxPtr = std::unique_ptr<TS_VERIFY_CTX, OsslDeleter<TS_VERIFY_CTX_free>>;
using TsMsgImprintPtr = std::unique_ptr<TS_MSG_IMPRINT, OsslDeleter<TS_MSG_IMPRINT_free>>;
using AlgorPtr = std::unique_ptr<X509_ALGOR, OsslDeleter<X509_ALGOR_free>>;
using AsnIntPtr = std::unique_ptr<ASN1_INTEGER, OsslDeleter<ASN1_INTEGER_free>>;
using AsnObjPtr = std::unique_ptr<ASN1_OBJECT, OsslDeleter<ASN1_OBJECT_free>>;

Result<TsReqPtr> make_request(const uint8_t (&digest)[SHA256_DIGEST_LENGTH],
                              const TimestampRequestOptions& options) {
  TsReqPtr req(TS_REQ_new());
  TsMsgImprintPtr imprint(TS_MSG_IMPRINT_new());
  AlgorPtr algo(X509_ALGOR_new());
  if (!req || !imprint || !algo) return openssl_error(ErrorCode::Internal, "", "out of memory");
  X509_ALGOR_set_md(algo.get(), EVP_sha256());
  if (TS_REQ_set_version(req.get(), 1) != 1 ||
      TS_MSG_IMPRINT_set_algo(imprint.get(), algo.get()) != 1 ||
      TS_MSG_IMPRINT_set_msg(imprint.get(), const_cast<uint8_t*>(digest), sizeof digest) != 1 ||
      TS_REQ_set_msg_imprint(req.get(), imprint.get()) != 1 ||
      TS_REQ_set_cert_req(req.get(), 1) != 1)
    return openssl_error(ErrorCode::Internal, "", "cannot build the timestamp request");
  if (!options.policy_oid.empty()) {
    AsnObjPtr policy(OBJ_txt2obj(options.policy_oid.c_str(), 1));
    if (!policy || TS_REQ_set_policy_id(req.get(), policy.get()) != 1)
      return openssl_error(ErrorCode::Usage, "tsa.policy", "not an OID: " + options.policy_oid);
  }
  std::vector<uint8_t> nonce = options.nonce;
  if (nonce.empty()) {
    nonce.resize(8);
    if (RAND_bytes(nonce.data(), static_cast<int>(nonce.size())) != 1)
      return openssl_error(ErrorCode::Internal, "", "no randomness for the nonce");
    nonce[0] &= 0x7f;  // a positive INTEGER
  }
  BIGNUM* bn = BN_bin2bn(nonce.data(), static_cast<int>(nonce.size()), nullptr);
  AsnIntPtr nonce_int(bn ? BN_to_ASN1_INTEGER(bn, nullptr) : nullptr);
  BN_free(bn);
  if (!nonce_int || TS_REQ_set_nonce(req.get(), nonce_int.get()) != 1)
    return openssl_error(ErrorCode::Internal, "", "cannot set the nonce");
  return req;
}

}  // namespace

Result<std::vector<uint8_t>> request_timestamp_token(std::span<const uint8_t> data,
                                                     const TimestampRequestOptions& options) {
  uint8_t digest[SHA256_DIGEST_LENGTH];
  SHA256(data.data(), data.size(), digest);
  auto req = make_request(digest, options);
  if (!req) return req.take_error();

  int len = i2d_TS_REQ(req->get(), nullptr);
  std::string body(len > 0 ? static_cast<size_t>(len) : 0, '\0');
  auto* p = reinterpret_cast<uint8_t*>(body.data());
  if (len <= 0 || i2d_TS_REQ(req->get(), &p) != len)
    return openssl_error(ErrorCode::Internal, "", "cannot encode the timestamp request");

  auto reply = http_post(options.url, "application/timestamp-query", body, options.timeout_seconds);
  if (!reply) return reply.take_error();
  if (reply->status != 200)
    return Error(ErrorCode::Io, options.url,
                 "timestamp authority answered HTTP " + std::to_string(reply->status));

  const auto* in = reinterpret_cast<const uint8_t*>(reply->body.data());
  TsRespPtr resp(d2i_TS_RESP(nullptr, &in, static_cast<long>(reply->body.size())));
  if (!resp) return openssl_error(ErrorCode::Io, options.url, "reply is not a TimeStampResp");
  long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(resp.get())));
  // PKIStatus (RFC 3161 §2.4.2): 0 granted, 1 grantedWithMods; anything else is a refusal.
  if (status != 0 && status != 1)
    return Error(
        ErrorCode::Io, options.url,
        "timestamp authority refused the request (PKIStatus " + std::to_string(status) + ")");

  // Version, imprint, nonce (and policy when requested) must match; the TSA's signature and
  // certificate are judged by the verifier, which has the trust list.
  TsVerifyCtxPtr vctx(TS_REQ_to_TS_VERIFY_CTX(req->get(), nullptr));
  if (!vctx || TS_RESP_verify_response(vctx.get(), resp.get()) != 1)
    return openssl_error(ErrorCode::Io, options.url, "timestamp reply does not match the request");

  PKCS7* token = TS_RESP_get_token(resp.get());
  int token_len = token ? i2d_PKCS7(token, nullptr) : 0;
  if (token_len <= 0) return openssl_error(ErrorCode::Io, options.url, "reply carries no token");
  std::vector<uint8_t> out(static_cast<size_t>(token_len));
  uint8_t* q = out.data();
  i2d_PKCS7(token, &q);
  return out;
}

}  // namespace absah::sign
