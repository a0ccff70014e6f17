#pragma once
// The document type as it travels in the seal: a small integer from a fixed table, so that one
// byte in the QR stands for "akta_kelahiran". The table is part of the seal format
// (docs/seal.md "Document type codes"); codes are never reused or renumbered, new types get
// new codes at the end.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace absah::seal {

struct DocumentCode {
  uint8_t code;
  std::string_view type;  // the stable type name of design.md, e.g. "ktp_el"
};

std::span<const DocumentCode> document_codes();
std::optional<uint8_t> document_code_for(std::string_view type);
std::optional<std::string_view> document_type_for(uint64_t code);

}  // namespace absah::seal
