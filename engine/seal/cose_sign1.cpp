#include "engine/seal/cose_sign1.h"

namespace absah::seal {

namespace {

Error structure(std::string message) {
  return Error(ErrorCode::FieldFormat, "cose", std::move(message));
}

}  // namespace

std::string sig_structure(std::string_view protected_bytes, std::string_view payload) {
  return encode_cbor(CborValue::array({
      CborValue::text("Signature1"),
      CborValue::byte_string(protected_bytes),
      CborValue::byte_string(""),
      CborValue::byte_string(payload),
  }));
}

Result<std::string> cose_sign1_sign(std::string_view payload, const SealKey& key) {
  // Only alg and kid, and in the protected bucket: the kid then cannot be swapped without
  // breaking the signature. RFC 9052 §3 allows kid in either bucket.
  std::string protected_bytes = encode_cbor(CborValue::map({
      {CborValue::integer(kCoseHeaderAlg), CborValue::integer(kCoseAlgEs256)},
      {CborValue::integer(kCoseHeaderKid), CborValue::byte_string(key.kid())},
  }));
  auto signature = key.sign_es256(sig_structure(protected_bytes, payload));
  if (!signature) return signature.take_error();
  return encode_cbor(CborValue::tag(kCoseSign1Tag, CborValue::array({
                                                       CborValue::byte_string(protected_bytes),
                                                       CborValue::map({}),
                                                       CborValue::byte_string(payload),
                                                       CborValue::byte_string(*signature),
                                                   })));
}

Result<CoseSign1> cose_sign1_from_cbor(const CborValue& item) {
  if (item.type != CborType::Tag || item.number != kCoseSign1Tag || item.items.size() != 1)
    return structure("not a COSE_Sign1 (CBOR tag 18 expected)");
  const CborValue& arr = item.items.front();
  if (arr.type != CborType::Array || arr.items.size() != 4)
    return structure("COSE_Sign1 must be an array of 4 elements");
  const auto& prot = arr.items[0];
  const auto& unprot = arr.items[1];
  const auto& payload = arr.items[2];
  const auto& sig = arr.items[3];
  if (prot.type != CborType::Bytes) return structure("protected header must be a byte string");
  if (unprot.type != CborType::Map) return structure("unprotected header must be a map");
  if (unprot.map_size() != 0) return structure("unprotected header must be empty");
  // A detached payload (nil) is not used by the seal; major type 7 is refused by the decoder.
  if (payload.type != CborType::Bytes) return structure("payload must be a byte string");
  if (sig.type != CborType::Bytes || sig.bytes.size() != kEs256SignatureBytes)
    return structure("signature must be a 64-byte byte string");

  auto header = decode_cbor(prot.bytes, CborLimits{256, 2, 8});
  if (!header) return header.take_error();
  if (header->type != CborType::Map || header->map_size() != 2)
    return structure("protected header must be a map with alg and kid only");
  const CborValue* alg = header->find(kCoseHeaderAlg);
  const CborValue* kid = header->find(kCoseHeaderKid);
  if (!alg || alg->as_int() != kCoseAlgEs256)
    return structure("protected header alg must be ES256 (-7)");
  if (!kid || kid->type != CborType::Bytes || kid->bytes.size() != kKidBytes)
    return structure("protected header kid must be an 8-byte byte string");
  return CoseSign1{prot.bytes, kid->bytes, payload.bytes, sig.bytes};
}

bool is_bad_cbor(const Error& error) {
  return error.path == kCborErrorPath;
}

}  // namespace absah::seal
