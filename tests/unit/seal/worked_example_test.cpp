// The worked example of docs/seal.md §7 as a golden vector: a seal made once, checked here, so
// that any change to the format (payload keys, header, Sig_structure, text encoding) fails.

#include <gtest/gtest.h>

#include "engine/seal/seal.h"

namespace absah::seal {
namespace {

constexpr const char* kExamplePublicKey =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEz5HV+4w+EF9t80Qc6AS0ytwOWR4C\n"
    "CaD3l/+cXcUtzvXCu1w2vdjIyaQWwbN+RX2N/C+tOMgA6dPCum99D/t8Pw==\n"
    "-----END PUBLIC KEY-----\n";

constexpr const char* kExampleUrl =
    "http://localhost:8080/v/"
    "2KCE3IQBEYCERZWDTE2YUMV7ECQFQUNIAEAQEEQDOU2TENZRFVGFILJQGQYDSMRQGI3C2MBQGA3QIGKQ3QCRSFEXAZEAAE"
    "VZ6S7Q2I7DA5XUEYLJOEQE45LSOVWCAQLJNZUQQUAAAEBAGBAFAYDQQCIKBMGA2DQPLBAOGB4EN4M3XAXQKJGTI22ERDU3"
    "PVCOWVSVDRCRQNNJ2EZKLBAK32NAEJYARWR6LSUMDAL6YW7ESFWIWEYX5PBO4EBEXH7NBOTFHUVWPI";

TEST(SealWorkedExample, VerifiesAndDecodes) {
  std::string json =
      R"({"version":1,"keys":[{"kid":"e6c399358a32bf20","office":"5271","office_name":"Disdukcapil Kota Mataram","not_before":"2026-01-01T00:00:00Z","not_after":"2031-01-01T00:00:00Z","public_key_pem":")";
  for (const char* p = kExamplePublicKey; *p; ++p)
    json += *p == '\n' ? std::string("\\n") : std::string(1, *p);
  json += "\"}]}";
  auto trust = parse_trust_list(json);
  ASSERT_TRUE(trust.ok()) << trust.error().describe();
  SealCheck c = check_seal_text(kExampleUrl, *trust, 20700LL * 86400);
  ASSERT_TRUE(c.valid()) << to_string(c.reason) << ": " << c.message;
  EXPECT_EQ(c.payload->document_type, "akta_kelahiran");
  EXPECT_EQ(c.payload->document_number, "5271-LT-04092026-0007");
  EXPECT_EQ(c.payload->issue_date, 20700);
  EXPECT_EQ(c.payload->office, 5271u);
  EXPECT_EQ(c.payload->subject_id, "5271010409260003");
  EXPECT_EQ(c.payload->subject_name, "Baiq Nurul Aini");
  EXPECT_EQ(to_hex(c.payload->record_digest), "000102030405060708090a0b0c0d0e0f");
  EXPECT_EQ(to_hex(c.kid), "e6c399358a32bf20");
}

}  // namespace
}  // namespace absah::seal
