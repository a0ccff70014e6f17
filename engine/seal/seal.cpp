#include "engine/seal/seal.h"

#include "engine/seal/base32.h"
#include "engine/seal/cbor.h"
#include "engine/seal/cose_sign1.h"

namespace absah::seal {

namespace {

std::string_view trim_slash(std::string_view base) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return base;
}

SealCheck fail(SealReason reason, std::string message, std::optional<uint64_t> offset = {}) {
  SealCheck c;
  c.reason = reason;
  c.message = std::move(message);
  c.offset = offset;
  return c;
}

// Splits "<base>/v/<seal>" into the seal part, or says why the text is not our URL.
std::optional<std::string_view> seal_part(std::string_view text, const SealCheckOptions& options,
                                          std::string& why) {
  std::string_view rest;
  if (options.accepted_bases.empty()) {
    size_t scheme_end = 0;
    if (text.rfind("https://", 0) == 0)
      scheme_end = 8;
    else if (text.rfind("http://", 0) == 0)
      scheme_end = 7;
    else {
      why = "the QR text is not an http(s) URL";
      return std::nullopt;
    }
    // The authority ends at the first '/'; the seal path follows it: origin + optional path
    // prefix + "/v/" + seal, with the seal the last path segment.
    size_t slash = text.find('/', scheme_end);
    size_t v = text.rfind(kSealPathPrefix);
    if (slash == std::string_view::npos || v == std::string_view::npos || v < slash) {
      why = "the URL has no /v/<seal> path";
      return std::nullopt;
    }
    rest = text.substr(v + kSealPathPrefix.size());
  } else {
    bool matched = false;
    for (const auto& base : options.accepted_bases) {
      std::string prefix = std::string(trim_slash(base)) + std::string(kSealPathPrefix);
      if (text.size() > prefix.size() && text.substr(0, prefix.size()) == prefix) {
        rest = text.substr(prefix.size());
        matched = true;
        break;
      }
    }
    if (!matched) {
      why = "the URL does not start with an accepted base followed by /v/";
      return std::nullopt;
    }
  }
  if (rest.empty()) {
    why = "the URL has an empty seal";
    return std::nullopt;
  }
  return rest;
}

}  // namespace

std::string_view to_string(SealReason reason) {
  switch (reason) {
    case SealReason::None:
      return "valid";
    case SealReason::NoQr:
      return "no_qr";
    case SealReason::NotOurUrl:
      return "not_our_url";
    case SealReason::BadBase64:
      return "bad_base64";
    case SealReason::BadCbor:
      return "bad_cbor";
    case SealReason::WrongStructure:
      return "wrong_structure";
    case SealReason::UnknownKid:
      return "unknown_kid";
    case SealReason::KeyNotValidAtTime:
      return "key_not_valid_at_time";
    case SealReason::BadSignature:
      return "bad_signature";
  }
  return "unknown";
}

Result<std::string> make_seal_url(const SealPayload& payload, const SealKey& key,
                                  std::string_view base_url) {
  auto map = payload_to_cbor(payload);
  if (!map) return map.take_error();
  auto cose = cose_sign1_sign(encode_cbor(*map), key);
  if (!cose) return cose.take_error();
  return std::string(trim_slash(base_url)) + std::string(kSealPathPrefix) + base32_encode(*cose);
}

SealCheck check_seal_text(std::string_view qr_text, const TrustList& trust, int64_t now_unix,
                          const SealCheckOptions& options) {
  if (qr_text.empty()) return fail(SealReason::NoQr, "no QR text");
  if (qr_text.size() > kMaxQrTextBytes)
    return fail(SealReason::NotOurUrl, "text longer than a QR code can hold");
  std::string why;
  auto part = seal_part(qr_text, options, why);
  if (!part) return fail(SealReason::NotOurUrl, why);

  auto bytes = base32_decode(*part);
  if (!bytes) return fail(SealReason::BadBase64, bytes.error().message, bytes.error().offset);

  auto item = decode_cbor(*bytes);
  if (!item) return fail(SealReason::BadCbor, item.error().message, item.error().offset);
  auto cose = cose_sign1_from_cbor(*item);
  if (!cose) {
    const Error& e = cose.error();
    return fail(is_bad_cbor(e) ? SealReason::BadCbor : SealReason::WrongStructure,
                is_bad_cbor(e) ? "protected header: " + e.message : e.message, e.offset);
  }

  SealCheck result;
  result.kid = cose->kid;
  auto candidates = trust.find(cose->kid);
  if (candidates.empty()) {
    result.reason = SealReason::UnknownKid;
    result.message = "key id " + to_hex(cose->kid) + " is not in the trust list";
    return result;
  }
  const std::string signed_bytes = sig_structure(cose->protected_bytes, cose->payload);
  const TrustedKey* signer = nullptr;
  for (const TrustedKey* k : candidates)
    if (k->key.verify_es256(signed_bytes, cose->signature)) {
      signer = k;
      break;
    }
  if (!signer) {
    result.reason = SealReason::BadSignature;
    result.message = "the ES256 signature does not verify with key " + to_hex(cose->kid);
    return result;
  }
  result.office = signer->office;
  result.office_name = signer->office_name;

  auto payload_item = decode_cbor(cose->payload);
  if (!payload_item) {
    result.reason = SealReason::BadCbor;
    result.message = "payload: " + payload_item.error().message;
    result.offset = payload_item.error().offset;
    return result;
  }
  auto payload = payload_from_cbor(*payload_item);
  if (!payload) {
    result.reason = SealReason::WrongStructure;
    result.message = payload.error().path + ": " + payload.error().message;
    return result;
  }
  result.payload = std::move(payload).value();

  // Entries sharing a kid hold the same key (the kid is its hash) and may differ only in their
  // periods; the seal is in time if any of them covers it.
  bool in_time = false;
  for (const TrustedKey* k : candidates) {
    if (options.key_time == KeyTimePolicy::AtCheckTime) {
      in_time = in_time || k->valid_at(now_unix);
    } else {
      const int64_t day_start = result.payload->issue_date * 86400;
      const int64_t day_end = day_start + 86400;  // exclusive
      in_time = in_time ||
                (now_unix >= k->not_before && day_end > k->not_before && day_start < k->not_after);
    }
  }
  if (!in_time) {
    result.reason = SealReason::KeyNotValidAtTime;
    result.message = options.key_time == KeyTimePolicy::AtCheckTime
                         ? "key " + to_hex(cose->kid) + " is not valid at the time of the check"
                         : "key " + to_hex(cose->kid) + " was not valid on the seal's issue date";
  }
  return result;
}

}  // namespace absah::seal
