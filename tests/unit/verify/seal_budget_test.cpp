// The QR budget of the seal (issue 5): version <= 12 at error correction M for every document
// type, measured on a worst-case payload. The printed figures go into docs/seal.md.

#include <gtest/gtest.h>

#include <cstdio>

#include "engine/qr/qr_matrix.h"
#include "engine/seal/document_code.h"
#include "engine/seal/seal.h"

namespace absah {
namespace {

TEST(SealBudget, WorstCaseFitsVersion12AtM) {
  auto key = seal::SealKey::generate();
  ASSERT_TRUE(key.ok());
  int worst_version = 0;
  size_t worst_length = 0;
  for (const auto& doc : seal::document_codes()) {
    seal::SealPayload p;
    p.document_type = std::string(doc.type);
    // The longest number format in documents.md; letter and akta numbers are shorter.
    p.document_number = "SKPWNI/5271/22032021/0101";
    p.issue_date = 20700;
    p.office = 5271;
    p.subject_id = "5271019999999999";
    p.subject_name = std::string(60, 'W');  // Permendagri 73/2022: at most 60 letters
    p.record_digest = std::string(32, '\xff');
    auto url = seal::make_seal_url(p, *key, seal::kDefaultBaseUrl);
    ASSERT_TRUE(url.ok()) << url.error().describe();
    auto version = qr::qr_version_for(*url, qr::QrEcLevel::M);
    ASSERT_TRUE(version.ok());
    EXPECT_LE(*version, 12) << doc.type;
    worst_version = std::max(worst_version, *version);
    worst_length = std::max(worst_length, url->size());
  }
  std::printf("[ budget ] worst case: URL %zu characters, QR version %d-M\n", worst_length,
              worst_version);
}

TEST(SealBudget, TypicalAndHeadroom) {
  auto key = seal::SealKey::generate();
  ASSERT_TRUE(key.ok());
  seal::SealPayload p;
  p.document_type = "akta_kelahiran";
  p.document_number = "5271-LT-23032020-0001";
  p.issue_date = 20700;
  p.office = 5271;
  p.subject_id = "5271012303200001";
  p.subject_name = "Ni Luh Putu Ayu Sri Wahyuni";
  p.record_digest = std::string(32, '\x01');
  auto url = seal::make_seal_url(p, *key);
  ASSERT_TRUE(url.ok());
  auto cbor = seal::encode_cbor(*seal::payload_to_cbor(p));
  std::printf(
      "[ budget ] typical akta: payload %zu bytes, URL %zu characters, QR version %d-M, %d-Q\n",
      cbor.size(), url->size(), *qr::qr_version_for(*url, qr::QrEcLevel::M),
      *qr::qr_version_for(*url, qr::QrEcLevel::Q));
  // A longer production base URL still fits.
  auto prod = seal::make_seal_url(p, *key, "https://absah.dukcapil.mataramkota.go.id");
  EXPECT_LE(*qr::qr_version_for(*prod, qr::QrEcLevel::M), 12);
}

}  // namespace
}  // namespace absah
