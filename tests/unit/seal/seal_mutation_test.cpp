// Every single-byte change and every truncation of a valid seal must be refused, and refused as
// one of our reasons (no crash, no exception, no "valid"). The strict decoders (base32 without
// spare bits, CBOR in preferred serialisation, no duplicate keys) leave no second spelling of a
// seal that would still verify.

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "engine/seal/base32.h"
#include "engine/seal/seal.h"
#include "tests/unit/seal/seal_test_support.h"

namespace absah::seal {
namespace {

TEST(SealMutation, EveryByteChangeAndTruncationIsRefused) {
  SealKey key = testing::new_key();
  TrustList trust = testing::trust_of(
      {testing::trust_entry(key, "2026-01-01T00:00:00Z", "2031-01-01T00:00:00Z")});
  const std::string url = *make_seal_url(testing::sample_payload(), key);
  const std::string prefix = url.substr(0, url.rfind("/v/") + 3);
  const std::string cose = *base32_decode(url.substr(prefix.size()));
  ASSERT_TRUE(check_seal_text(url, trust, testing::kNoonOfIssue).valid());

  std::set<SealReason> seen;
  std::mt19937 rng(5);
  for (size_t i = 0; i < cose.size(); ++i) {
    for (int round = 0; round < 3; ++round) {
      std::string m = cose;
      m[i] = static_cast<char>(m[i] ^ static_cast<char>(1 + rng() % 255));
      SealCheck c = check_seal_text(prefix + base32_encode(m), trust, testing::kNoonOfIssue);
      EXPECT_FALSE(c.valid()) << "byte " << i;
      seen.insert(c.reason);
    }
  }
  for (size_t n = 0; n < cose.size(); ++n) {
    SealCheck c =
        check_seal_text(prefix + base32_encode(cose.substr(0, n)), trust, testing::kNoonOfIssue);
    EXPECT_FALSE(c.valid()) << "truncated to " << n;
  }
  for (size_t i = 0; i < url.size(); ++i) {  // text level: every character replaced
    std::string t = url;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    SealCheck c = check_seal_text(t, trust, testing::kNoonOfIssue);
    if (i >= prefix.size()) EXPECT_FALSE(c.valid()) << "character " << i;
  }
  EXPECT_TRUE(seen.count(SealReason::BadSignature));
  EXPECT_TRUE(seen.count(SealReason::BadCbor));
  EXPECT_TRUE(seen.count(SealReason::WrongStructure));
  EXPECT_TRUE(seen.count(SealReason::UnknownKid));
}

TEST(SealMutation, RandomBytesNeverCrash) {
  TrustList trust;
  std::mt19937 rng(11);
  for (int i = 0; i < 3000; ++i) {
    std::string junk(rng() % 300, '\0');
    for (char& c : junk) c = static_cast<char>(rng() & 0xFF);
    // Bias toward CBOR-looking input: start with tag 18 and an array of 4 half of the time.
    if (i % 2 && junk.size() > 2) junk[0] = '\xd2', junk[1] = '\x84';
    (void)decode_cbor(junk);
    SealCheck c = check_seal_text("http://localhost:8080/v/" + base32_encode(junk), trust, 0);
    EXPECT_FALSE(c.valid());
  }
}

}  // namespace
}  // namespace absah::seal
