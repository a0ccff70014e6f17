#pragma once
// The render pipeline for one document: record → validated model → layout → PDF (→ seal,
// signature, registry in later stages). Holds what repeats across documents — parsed
// layouts and schemas, the font book, the office configuration — and nothing that changes the
// output between records. Thread-safe: one Renderer serves many threads.

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/result.h"
#include "engine/layout/layout_spec.h"
#include "engine/seal/seal_key.h"
#include "engine/sign/pades.h"
#include "engine/sign/signer.h"
#include "engine/text/font_book.h"

namespace absah::render {

struct RendererConfig {
  std::filesystem::path data_dir;  // holds layouts/ and fonts/
};

struct RenderRequest {
  std::string type;
  nlohmann::json record;
  // The issue date when the record has no `tanggal_terbit`, the PDF creation time and the
  // claimed signing time (/M).
  int64_t issue_time_unix = 0;
  // The number a registry assigned; it takes precedence over the record's `nomor` and the
  // layout's number field.
  std::optional<std::string> number;
  // PAdES signature (ETSI EN 319 142-1 B-B, or B-T with a TSA in sign_options); nullptr
  // renders an unsigned PDF. The signer is used by one render at a time.
  sign::Signer* signer = nullptr;
  sign::SignOptions sign_options;
  // QR seal (docs/seal.md): a COSE_Sign1 over the document's key data, drawn in the layout's
  // seal block as a link to `<seal_base_url>/v/<seal>`. nullptr leaves the block empty.
  const seal::SealKey* seal_key = nullptr;
  std::string seal_base_url = "http://localhost:8080";
};

struct RenderedDocument {
  std::string type;
  std::string number;
  std::string issue_date;  // ISO
  std::string pdf;
  size_t pages = 0;
  bool signed_pdf = false;
  std::string seal_url;  // empty when unsealed
  int qr_version = 0;
  std::array<uint8_t, 32> record_digest{};  // SHA-256 of the canonical validated record
  size_t cms_bytes = 0;
  std::vector<Error> warnings;
};

struct LayoutInfo {
  std::string type;
  std::string title;
  std::string family;
  std::string paper;
  std::string orientation;
};

class Renderer {
 public:
  static Result<std::unique_ptr<Renderer>> create(const RendererConfig& config);

  Result<RenderedDocument> render(const RenderRequest& request) const;

  // Everything `render` checks about the record before layout (type, document keys, schema,
  // NIK structure, dates), with the same errors, except that the number may still be missing:
  // a registry gives it later. Layout problems (text that does not fit) show only in `render`.
  Status validate(const RenderRequest& request) const;

  // Loads (once) and returns the layout of a type; UnknownDocumentType lists the known types.
  Result<std::shared_ptr<const layout::LayoutSpec>> layout(const std::string& type) const;
  std::vector<std::string> types() const;

  const text::FontBook& fonts() const { return *m_fonts; }
  const nlohmann::json& office() const { return m_office; }

 private:
  struct TypeEntry;
  Result<std::shared_ptr<const TypeEntry>> entry(const std::string& type) const;

  // The record with the document keys taken out and validated, its number ("" when none yet),
  // issue date and the validator's warnings.
  struct CheckedRecord {
    nlohmann::json subject;
    std::string number;
    std::string issue_date;
    std::vector<Error> warnings;
  };
  enum class NumberRule { Required, MayComeLater };
  Result<CheckedRecord> check_record(const TypeEntry& type_entry, const RenderRequest& request,
                                     NumberRule rule) const;

  RendererConfig m_config;
  std::shared_ptr<text::FontBook> m_fonts;
  nlohmann::json m_office;
  nlohmann::json m_enums;
  mutable std::mutex m_mutex;
  mutable std::map<std::string, std::shared_ptr<const TypeEntry>> m_types;
};

// Keys of a record that describe the document rather than its subject; they are taken out
// before the record is validated against the type's schema.
inline constexpr const char* kRecordNumberKey = "nomor";
inline constexpr const char* kRecordIssueDateKey = "tanggal_terbit";

}  // namespace absah::render
