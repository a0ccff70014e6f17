#pragma once
// The QR seal: make the verification URL for a document, and check a QR text against the trust
// list. Format: docs/seal.md. The clock is passed in (style-anchors "What we take" 4).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/seal/seal_key.h"
#include "engine/seal/seal_payload.h"
#include "engine/seal/trust_list.h"

namespace absah::seal {

constexpr std::string_view kDefaultBaseUrl = "http://localhost:8080";
constexpr std::string_view kSealPathPrefix = "/v/";
// A QR code holds at most 2953 bytes in byte mode (ISO/IEC 18004 Table 7, 40-L).
constexpr size_t kMaxQrTextBytes = 2953;

// Why a seal check failed. The snake_case strings of `to_string` are stable: reports, JSON and
// tests use them. None means the seal is valid.
enum class SealReason : uint8_t {
  None = 0,           // "valid"
  NoQr,               // "no_qr": no QR code found / empty text
  NotOurUrl,          // "not_our_url": not <base>/v/<seal>
  BadBase64,          // "bad_base64": seal part not strict RFC 4648 base32 (Base-N family)
  BadCbor,            // "bad_cbor": COSE, protected header or payload not well-formed CBOR
  WrongStructure,     // "wrong_structure": well-formed CBOR, but not our COSE_Sign1 / payload
  UnknownKid,         // "unknown_kid": no trust list entry with that kid
  KeyNotValidAtTime,  // "key_not_valid_at_time": key outside not_before..not_after
  BadSignature,       // "bad_signature"
};

std::string_view to_string(SealReason reason);

// Which instant must fall inside the key's not_before..not_after.
enum class KeyTimePolicy : uint8_t {
  None = 0,
  // The seal's signed issue date (any moment of that UTC day) must be inside the validity,
  // and the key must have started (now >= not_before). An akta stays valid after its key is
  // rotated out; a compromised key is withdrawn by removing it from the trust list.
  AtIssueDate,
  // `now` must be inside the validity (stricter: seals expire with their key).
  AtCheckTime,
};

struct SealCheckOptions {
  KeyTimePolicy key_time = KeyTimePolicy::AtIssueDate;
  // Accepted URL bases ("https://absah.mataramkota.go.id"); empty = any http(s) origin.
  std::vector<std::string> accepted_bases;
};

struct SealCheck {
  SealReason reason = SealReason::None;
  std::string message;             // human detail, never a full NIK
  std::optional<uint64_t> offset;  // byte offset for bad_base64 / bad_cbor (in that layer)
  std::string kid;                 // 8 raw bytes, once the COSE structure was read
  std::string office;              // from the trust list entry that verified the seal
  std::string office_name;
  // Set once the signature verified (also for key_not_valid_at_time, so that an officer can
  // see what the seal says); never set for a seal whose signature was not checked.
  std::optional<SealPayload> payload;

  bool valid() const { return reason == SealReason::None; }
};

// Signs the payload and returns "<base_url>/v/<base32(COSE_Sign1)>". A trailing '/' on
// base_url is dropped.
Result<std::string> make_seal_url(const SealPayload& payload, const SealKey& key,
                                  std::string_view base_url = kDefaultBaseUrl);

// Checks one QR text. Never fails as a call: every problem is a reason.
SealCheck check_seal_text(std::string_view qr_text, const TrustList& trust, int64_t now_unix,
                          const SealCheckOptions& options = {});

}  // namespace absah::seal
