#include "engine/seal/seal.h"

#include <gtest/gtest.h>

#include "engine/seal/base32.h"
#include "engine/seal/cose_sign1.h"
#include "tests/unit/seal/seal_test_support.h"

namespace absah::seal {
namespace {

using testing::kNoonOfIssue;
using testing::new_key;
using testing::sample_payload;
using testing::trust_entry;
using testing::trust_of;

constexpr const char* kFrom = "2026-01-01T00:00:00Z";
constexpr const char* kTo = "2031-01-01T00:00:00Z";

struct Fixture {
  SealKey key = new_key();
  TrustList trust = trust_of({trust_entry(key, kFrom, kTo)});
  std::string url = *make_seal_url(sample_payload(), key, "http://localhost:8080/");
};

std::string seal_of(const std::string& url) {
  return *base32_decode(url.substr(url.rfind("/v/") + 3));
}
std::string url_of(const std::string& cose) {
  return "http://localhost:8080/v/" + base32_encode(cose);
}

TEST(Seal, ValidRoundTrip) {
  Fixture f;
  EXPECT_EQ(f.url.rfind("http://localhost:8080/v/", 0), 0u);  // trailing '/' of base dropped
  SealCheck c = check_seal_text(f.url, f.trust, kNoonOfIssue);
  ASSERT_TRUE(c.valid()) << to_string(c.reason) << ": " << c.message;
  ASSERT_TRUE(c.payload.has_value());
  SealPayload expected = sample_payload();
  expected.record_digest.resize(16);
  EXPECT_EQ(*c.payload, expected);
  EXPECT_EQ(c.kid, f.key.kid());
  EXPECT_EQ(c.office, "5271");
  EXPECT_EQ(to_string(c.reason), "valid");
}

TEST(Seal, NoQrAndNotOurUrl) {
  Fixture f;
  EXPECT_EQ(check_seal_text("", f.trust, kNoonOfIssue).reason, SealReason::NoQr);
  EXPECT_EQ(check_seal_text("WIFI:S:home;;", f.trust, kNoonOfIssue).reason, SealReason::NotOurUrl);
  EXPECT_EQ(check_seal_text("http://localhost:8080/x/abc", f.trust, kNoonOfIssue).reason,
            SealReason::NotOurUrl);
  EXPECT_EQ(check_seal_text("http://localhost:8080/v/", f.trust, kNoonOfIssue).reason,
            SealReason::NotOurUrl);
  SealCheckOptions only_prod;
  only_prod.accepted_bases = {"https://absah.mataramkota.go.id"};
  EXPECT_EQ(check_seal_text(f.url, f.trust, kNoonOfIssue, only_prod).reason, SealReason::NotOurUrl);
  only_prod.accepted_bases.push_back("http://localhost:8080");
  EXPECT_TRUE(check_seal_text(f.url, f.trust, kNoonOfIssue, only_prod).valid());
}

TEST(Seal, BadBase64WithOffset) {
  Fixture f;
  std::string text = f.url;
  size_t at = text.rfind("/v/") + 3 + 5;
  text[at] = '+';
  SealCheck c = check_seal_text(text, f.trust, kNoonOfIssue);
  EXPECT_EQ(c.reason, SealReason::BadBase64);
  EXPECT_EQ(c.offset, 5u);
  EXPECT_EQ(check_seal_text(f.url + "=", f.trust, kNoonOfIssue).reason, SealReason::BadBase64);
  std::string lower = f.url;
  lower[lower.size() - 3] = static_cast<char>(std::tolower(lower[lower.size() - 3]));
  if (lower != f.url)
    EXPECT_EQ(check_seal_text(lower, f.trust, kNoonOfIssue).reason, SealReason::BadBase64);
}

TEST(Seal, BadCbor) {
  Fixture f;
  std::string cose = seal_of(f.url);
  SealCheck truncated =
      check_seal_text(url_of(cose.substr(0, cose.size() - 5)), f.trust, kNoonOfIssue);
  EXPECT_EQ(truncated.reason, SealReason::BadCbor) << truncated.message;
  // The signature's head (58 40) now announces 64 bytes where only 59 remain.
  EXPECT_EQ(truncated.offset, cose.size() - 66) << truncated.message;
  SealCheck trailing = check_seal_text(url_of(cose + '\x00'), f.trust, kNoonOfIssue);
  EXPECT_EQ(trailing.reason, SealReason::BadCbor);
  EXPECT_EQ(trailing.offset, cose.size());
}

TEST(Seal, WrongStructure) {
  Fixture f;
  std::string cose = seal_of(f.url);
  // Untag: drop the leading 0xd2 → a bare array, which our format does not allow.
  EXPECT_EQ(check_seal_text(url_of(cose.substr(1)), f.trust, kNoonOfIssue).reason,
            SealReason::WrongStructure);
  EXPECT_EQ(check_seal_text(url_of(encode_cbor(CborValue::uint(7))), f.trust, kNoonOfIssue).reason,
            SealReason::WrongStructure);
}

TEST(Seal, WrongPayloadStructureUnderAValidSignature) {
  Fixture f;
  // Signed by a trusted key, but the payload misses key 8 (the record digest).
  CborValue map = *payload_to_cbor(sample_payload());
  map.items.resize(map.items.size() - 2);
  auto cose = cose_sign1_sign(encode_cbor(map), f.key);
  SealCheck c = check_seal_text(url_of(*cose), f.trust, kNoonOfIssue);
  EXPECT_EQ(c.reason, SealReason::WrongStructure);
  EXPECT_NE(c.message.find("payload.8"), std::string::npos) << c.message;
  EXPECT_FALSE(c.payload.has_value());
  // Signed, but the payload is not CBOR at all.
  auto junk = cose_sign1_sign("\xff", f.key);
  EXPECT_EQ(check_seal_text(url_of(*junk), f.trust, kNoonOfIssue).reason, SealReason::BadCbor);
}

TEST(Seal, TamperedPayloadProtectedHeaderOrSignature) {
  Fixture f;
  const std::string cose = seal_of(f.url);
  auto item = *decode_cbor(cose);
  // Payload: change the name inside the signed payload.
  {
    CborValue t = item;
    std::string& payload = t.items[0].items[2].bytes;
    size_t at = payload.find("Ayu");
    ASSERT_NE(at, std::string::npos);
    payload[at] = 'I';
    SealCheck c = check_seal_text(url_of(encode_cbor(t)), f.trust, kNoonOfIssue);
    EXPECT_EQ(c.reason, SealReason::BadSignature);
    EXPECT_FALSE(c.payload.has_value());
  }
  // Protected header: same key, but re-encoded with the kid first — same meaning, other bytes.
  {
    CborValue t = item;
    t.items[0].items[0].bytes =
        encode_cbor(CborValue::map({{CborValue::uint(4), CborValue::byte_string(f.key.kid())},
                                    {CborValue::uint(1), CborValue::integer(-7)}}));
    EXPECT_EQ(check_seal_text(url_of(encode_cbor(t)), f.trust, kNoonOfIssue).reason,
              SealReason::BadSignature);
  }
  // Signature: flip one bit of s.
  {
    CborValue t = item;
    t.items[0].items[3].bytes[40] ^= 0x10;
    EXPECT_EQ(check_seal_text(url_of(encode_cbor(t)), f.trust, kNoonOfIssue).reason,
              SealReason::BadSignature);
  }
}

TEST(Seal, UnknownKid) {
  Fixture f;
  SealKey stranger = new_key();
  auto url = make_seal_url(sample_payload(), stranger);
  SealCheck c = check_seal_text(*url, f.trust, kNoonOfIssue);
  EXPECT_EQ(c.reason, SealReason::UnknownKid);
  EXPECT_EQ(c.kid, stranger.kid());
  EXPECT_FALSE(c.payload.has_value());
}

TEST(Seal, KidSwappedToAnotherTrustedKeyFailsSignature) {
  SealKey a = new_key(), b = new_key();
  TrustList trust = trust_of({trust_entry(a, kFrom, kTo), trust_entry(b, kFrom, kTo)});
  auto item = *decode_cbor(seal_of(*make_seal_url(sample_payload(), a)));
  item.items[0].items[0].bytes =
      encode_cbor(CborValue::map({{CborValue::uint(1), CborValue::integer(-7)},
                                  {CborValue::uint(4), CborValue::byte_string(b.kid())}}));
  EXPECT_EQ(check_seal_text(url_of(encode_cbor(item)), trust, kNoonOfIssue).reason,
            SealReason::BadSignature);
}

TEST(Seal, KeyOutsideValidity) {
  SealKey key = new_key();
  // Key valid only from 2027: a seal dated 2026-09-04 was not made in its period.
  TrustList later = trust_of({trust_entry(key, "2027-01-01T00:00:00Z", kTo)});
  auto url = make_seal_url(sample_payload(), key);
  SealCheck c = check_seal_text(*url, later, 1830297600 /* 2028-01-01 */);
  EXPECT_EQ(c.reason, SealReason::KeyNotValidAtTime);
  EXPECT_TRUE(c.payload.has_value());  // signature verified; officers may see what it says
  // Key expired before the issue date.
  TrustList earlier = trust_of({trust_entry(key, "2020-01-01T00:00:00Z", "2026-09-04T00:00:00Z")});
  EXPECT_EQ(check_seal_text(*url, earlier, kNoonOfIssue).reason, SealReason::KeyNotValidAtTime);
  // Expiring at 12:00 on the issue day still covers part of that day.
  TrustList edge = trust_of({trust_entry(key, "2020-01-01T00:00:00Z", "2026-09-04T12:00:00Z")});
  EXPECT_TRUE(check_seal_text(*url, edge, kNoonOfIssue + 86400 * 400).valid());
}

TEST(Seal, KeyTimePolicies) {
  SealKey key = new_key();
  TrustList trust = trust_of({trust_entry(key, kFrom, kTo)});
  auto url = make_seal_url(sample_payload(), key);
  const int64_t in_2032 = 1956528000;  // 2032-01-01
  // Default: an issued document outlives the key's period.
  EXPECT_TRUE(check_seal_text(*url, trust, in_2032).valid());
  SealCheckOptions strict;
  strict.key_time = KeyTimePolicy::AtCheckTime;
  EXPECT_EQ(check_seal_text(*url, trust, in_2032, strict).reason, SealReason::KeyNotValidAtTime);
  EXPECT_TRUE(check_seal_text(*url, trust, kNoonOfIssue, strict).valid());
  // A clock before the key's start: no seal from it can exist yet.
  EXPECT_EQ(check_seal_text(*url, trust, 1700000000).reason, SealReason::KeyNotValidAtTime);
}

TEST(Seal, TwoValidKeysDuringRotation) {
  SealKey old_key = new_key(), new_key_ = new_key();
  TrustList trust = trust_of({trust_entry(old_key, "2021-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
                              trust_entry(new_key_, kFrom, kTo)});
  auto a = make_seal_url(sample_payload(), old_key);
  auto b = make_seal_url(sample_payload(), new_key_);
  SealCheck ca = check_seal_text(*a, trust, kNoonOfIssue);
  SealCheck cb = check_seal_text(*b, trust, kNoonOfIssue);
  EXPECT_TRUE(ca.valid()) << ca.message;
  EXPECT_TRUE(cb.valid()) << cb.message;
  EXPECT_EQ(ca.kid, old_key.kid());
  EXPECT_EQ(cb.kid, new_key_.kid());
  EXPECT_NE(*a, *b);
}

TEST(Seal, ReasonStringsAreStable) {
  EXPECT_EQ(to_string(SealReason::NoQr), "no_qr");
  EXPECT_EQ(to_string(SealReason::NotOurUrl), "not_our_url");
  EXPECT_EQ(to_string(SealReason::BadBase64), "bad_base64");
  EXPECT_EQ(to_string(SealReason::BadCbor), "bad_cbor");
  EXPECT_EQ(to_string(SealReason::WrongStructure), "wrong_structure");
  EXPECT_EQ(to_string(SealReason::UnknownKid), "unknown_kid");
  EXPECT_EQ(to_string(SealReason::KeyNotValidAtTime), "key_not_valid_at_time");
  EXPECT_EQ(to_string(SealReason::BadSignature), "bad_signature");
}

}  // namespace
}  // namespace absah::seal
