#include "engine/seal/seal_payload.h"

#include <gtest/gtest.h>

#include <set>

#include "engine/seal/document_code.h"
#include "tests/unit/seal/seal_test_support.h"

namespace absah::seal {
namespace {

using testing::sample_payload;

TEST(SealPayload, RoundTripAndCompactEncoding) {
  SealPayload p = sample_payload();
  auto map = payload_to_cbor(p);
  ASSERT_TRUE(map.ok()) << map.error().describe();
  std::string bytes = encode_cbor(*map);
  // a8 | 01 01 | 02 04 | 03 78 19 "SKPWNI/..." (25) | 04 19 50dc | 05 19 1497 |
  // 06 48 <8> | 07 78 1b <27 name bytes> | 08 50 <16>
  EXPECT_EQ(bytes.size(), 1u + 2 + 2 + 3 + 25 + 4 + 4 + 10 + 3 + 27 + 18);
  EXPECT_EQ(bytes.substr(0, 5), std::string("\xa8\x01\x01\x02\x04", 5));
  auto back = payload_from_cbor(*decode_cbor(bytes));
  ASSERT_TRUE(back.ok()) << back.error().describe();
  p.record_digest.resize(16);
  EXPECT_EQ(*back, p);
}

TEST(SealPayload, SubjectIdIsEightBytesBigEndian) {
  SealPayload p = sample_payload();
  p.subject_id = "0000000000000258";  // leading zeros survive the round trip
  CborValue map = *payload_to_cbor(p);
  EXPECT_EQ(map.find(6)->bytes, std::string("\0\0\0\0\0\0\x01\x02", 8));
  EXPECT_EQ(payload_from_cbor(map)->subject_id, "0000000000000258");
  p.subject_id = "9999999999999999";
  EXPECT_EQ(payload_from_cbor(*payload_to_cbor(p))->subject_id, "9999999999999999");
}

TEST(SealPayload, RejectsBadFieldsWithoutEchoingTheNik) {
  SealPayload p = sample_payload();
  p.subject_id = "527101520390000";  // 15 digits
  auto r = payload_to_cbor(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().path, "payload.6");
  EXPECT_EQ(r.error().message.find("527101"), std::string::npos);

  p = sample_payload();
  p.document_type = "paspor";
  EXPECT_EQ(payload_to_cbor(p).error().code, ErrorCode::UnknownDocumentType);
  p = sample_payload();
  p.record_digest = "short";
  EXPECT_EQ(payload_to_cbor(p).error().path, "payload.8");
  p = sample_payload();
  p.subject_name = "";
  EXPECT_EQ(payload_to_cbor(p).error().path, "payload.7");
}

TEST(SealPayload, DecodeRejectsWrongStructure) {
  CborValue good = *payload_to_cbor(sample_payload());
  {
    CborValue extra = good;
    extra.items.push_back(CborValue::uint(9));
    extra.items.push_back(CborValue::uint(0));
    EXPECT_EQ(payload_from_cbor(extra).error().code, ErrorCode::FieldUnknown);
  }
  {
    CborValue v2 = good;
    v2.items[1] = CborValue::uint(2);
    EXPECT_EQ(payload_from_cbor(v2).error().path, "payload.1");
  }
  {
    CborValue bad_type = good;
    bad_type.items[3] = CborValue::uint(99);
    EXPECT_EQ(payload_from_cbor(bad_type).error().code, ErrorCode::UnknownDocumentType);
  }
  {
    CborValue text_date = good;
    text_date.items[7] = CborValue::text("2026-09-04");
    EXPECT_EQ(payload_from_cbor(text_date).error().path, "payload.4");
  }
  {
    CborValue long_digest = good;
    long_digest.items[15] = CborValue::byte_string(std::string(32, 'x'));
    EXPECT_EQ(payload_from_cbor(long_digest).error().path, "payload.8");
  }
  {
    CborValue big_id = good;  // 2^64-1 has 20 digits
    big_id.items[11] = CborValue::byte_string(std::string(8, '\xff'));
    EXPECT_EQ(payload_from_cbor(big_id).error().path, "payload.6");
  }
  EXPECT_EQ(payload_from_cbor(CborValue::array({})).error().path, "payload");
}

TEST(DocumentCodes, TwentyThreeUniqueCodes) {
  std::set<uint8_t> codes;
  std::set<std::string_view> names;
  for (const auto& c : document_codes()) {
    codes.insert(c.code);
    names.insert(c.type);
    EXPECT_EQ(document_code_for(c.type), c.code);
    EXPECT_EQ(document_type_for(c.code), c.type);
  }
  EXPECT_EQ(codes.size(), 23u);
  EXPECT_EQ(names.size(), 23u);
  EXPECT_EQ(*codes.begin(), 1);
  EXPECT_EQ(*codes.rbegin(), 23);
  EXPECT_EQ(document_code_for("akta_kelahiran"), 18);
}

}  // namespace
}  // namespace absah::seal
