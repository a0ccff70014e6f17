#include "engine/seal/document_code.h"

#include <array>

namespace absah::seal {

namespace {

// The order of /work/shared/design.md "Document types": cards, letters, certificates.
// Keep in step with docs/seal.md; append only.
constexpr std::array<DocumentCode, 23> kCodes{{
    {1, "ktp_el"},
    {2, "kk"},
    {3, "kia"},
    {4, "sk_pindah"},
    {5, "sk_pindah_datang"},
    {6, "sk_pindah_luar_negeri"},
    {7, "sk_datang_luar_negeri"},
    {8, "sk_tempat_tinggal"},
    {9, "sk_kelahiran"},
    {10, "sk_lahir_mati"},
    {11, "sk_pembatalan_perkawinan"},
    {12, "sk_pembatalan_perceraian"},
    {13, "sk_kematian"},
    {14, "sk_pengangkatan_anak"},
    {15, "sk_pelepasan_kewarganegaraan"},
    {16, "sk_pengganti_identitas"},
    {17, "sk_pencatatan_sipil"},
    {18, "akta_kelahiran"},
    {19, "akta_kematian"},
    {20, "akta_perkawinan"},
    {21, "akta_perceraian"},
    {22, "akta_pengakuan_anak"},
    {23, "akta_pengesahan_anak"},
}};

}  // namespace

std::span<const DocumentCode> document_codes() {
  return kCodes;
}

std::optional<uint8_t> document_code_for(std::string_view type) {
  for (const auto& c : kCodes)
    if (c.type == type) return c.code;
  return std::nullopt;
}

std::optional<std::string_view> document_type_for(uint64_t code) {
  for (const auto& c : kCodes)
    if (c.code == code) return c.type;
  return std::nullopt;
}

}  // namespace absah::seal
