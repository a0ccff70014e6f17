#include "engine/render/renderer.h"

#include <ctime>

#include "engine/base/json_path.h"
#include "engine/layout/layout.h"
#include "engine/layout/layout_loader.h"
#include "engine/model/canonical_json.h"
#include "engine/model/civil_date.h"
#include "engine/model/schema.h"
#include "engine/model/validate.h"
#include "engine/pdf/pdf_writer.h"
#include "engine/qr/qr_matrix.h"
#include "engine/seal/seal.h"

namespace absah::render {

namespace fs = std::filesystem;

struct Renderer::TypeEntry {
  std::shared_ptr<const layout::LayoutSpec> layout;
  model::Schema schema;
};

namespace {

// Kota Mataram keeps WITA (UTC+8): the issue date is the local calendar date there.
constexpr int64_t kOfficeUtcOffsetSeconds = 8 * 3600;

std::string iso_date_from_unix(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds + kOfficeUtcOffsetSeconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

// The seal's payload from the validated record and the layout's subject fields.
Result<layout::SealImage> make_seal(const layout::LayoutSpec& spec, const nlohmann::json& record,
                                    const nlohmann::json& office, const std::string& number,
                                    const model::CivilDate& issue_date,
                                    const std::array<uint8_t, 32>& digest, const seal::SealKey& key,
                                    const std::string& base_url, std::string& url_out,
                                    int& version_out) {
  seal::SealPayload p;
  p.document_type = spec.type;
  p.document_number = number;
  p.issue_date = issue_date.days_since_epoch();
  p.office = static_cast<uint32_t>(std::stoul(office.value("code", "0")));
  p.subject_id = string_at_json_path(record, spec.subject_id_field);
  p.subject_name = string_at_json_path(record, spec.subject_name_field);
  p.record_digest.assign(reinterpret_cast<const char*>(digest.data()), digest.size());
  auto url = seal::make_seal_url(p, key, base_url);
  if (!url) return url.take_error();
  auto qr = qr::encode_qr(*url, qr::QrEcLevel::M);
  if (!qr) return qr.take_error();
  layout::SealImage image;
  image.modules = qr->size;
  image.dark = qr->dark;
  image.url = *url;
  url_out = *url;
  version_out = qr->version;
  return image;
}

// The signature widget goes where the layout anchored "signature" (the TTE block); a layout
// without one gets an invisible signature on its first page.
pdf::SignaturePlaceholder signature_placeholder(const layout::DocumentFrames& frames,
                                                const nlohmann::json& office,
                                                int64_t signing_time) {
  pdf::SignaturePlaceholder p;
  for (size_t i = 0; i < frames.pages.size(); ++i)
    for (const auto& item : frames.pages[i].items)
      if (const auto* a = std::get_if<layout::Anchor>(&item); a && a->name == "signature") {
        p.page_index = i;
        p.rect = a->rect;
      }
  p.signer_name = office.contains("head") ? office["head"].value("name", "") : "";
  p.reason = "Penerbitan dokumen kependudukan";
  p.location = office.value("city", "");
  p.signing_time_unix = signing_time;
  return p;
}

}  // namespace

Result<std::unique_ptr<Renderer>> Renderer::create(const RendererConfig& config) {
  std::unique_ptr<Renderer> r(new Renderer());
  r->m_config = config;
  auto fonts = text::FontBook::load_manifest(config.data_dir / "fonts" / "fonts.jsonc");
  if (!fonts) return fonts.take_error();
  r->m_fonts = *fonts;
  const fs::path layouts = config.data_dir / "layouts";
  auto office = layout::read_jsonc_with_includes(layouts / "parts" / "office.jsonc", layouts);
  if (!office) return office.take_error();
  r->m_office = std::move(*office);
  auto enums = layout::read_jsonc_with_includes(layouts / "parts" / "enums.jsonc", layouts);
  if (!enums) return enums.take_error();
  r->m_enums = std::move(*enums);
  return r;
}

std::vector<std::string> Renderer::types() const {
  return layout::list_layout_types(m_config.data_dir / "layouts");
}

Result<std::shared_ptr<const Renderer::TypeEntry>> Renderer::entry(const std::string& type) const {
  {
    std::lock_guard lock(m_mutex);
    auto it = m_types.find(type);
    if (it != m_types.end()) return it->second;
  }
  auto spec = layout::load_layout(m_config.data_dir / "layouts", type);
  if (!spec) return spec.take_error();
  auto enums = model::parse_enumerations(m_enums);
  if (!enums) return enums.take_error();
  auto schema = model::parse_schema((*spec)->schema, *enums);
  if (!schema) {
    Error e = schema.take_error();
    e.path = type + ".jsonc: schema." + e.path;
    return e;
  }
  auto e = std::make_shared<TypeEntry>();
  e->layout = *spec;
  e->schema = std::move(*schema);
  std::lock_guard lock(m_mutex);
  m_types[type] = e;
  return std::shared_ptr<const TypeEntry>(e);
}

Result<std::shared_ptr<const layout::LayoutSpec>> Renderer::layout(const std::string& type) const {
  auto e = entry(type);
  if (!e) return e.take_error();
  return (*e)->layout;
}

Result<Renderer::CheckedRecord> Renderer::check_record(const TypeEntry& type_entry,
                                                       const RenderRequest& req,
                                                       NumberRule rule) const {
  const layout::LayoutSpec& spec = *type_entry.layout;
  if (!req.record.is_object())
    return Error(ErrorCode::FieldType, "", "the record must be a JSON object");

  // Document keys out, subject data validated.
  CheckedRecord out;
  out.subject = req.record;
  nlohmann::json& record = out.subject;
  std::optional<std::string> number;
  std::string issue_date = iso_date_from_unix(req.issue_time_unix);
  std::vector<Error> problems;
  if (record.contains(kRecordNumberKey)) {
    if (!record[kRecordNumberKey].is_string() ||
        record[kRecordNumberKey].get<std::string>().empty())
      problems.emplace_back(ErrorCode::FieldType, kRecordNumberKey, "expected a non-empty string");
    else
      number = record[kRecordNumberKey].get<std::string>();
    record.erase(kRecordNumberKey);
  }
  if (record.contains(kRecordIssueDateKey)) {
    const auto& v = record[kRecordIssueDateKey];
    if (!v.is_string() || !model::parse_iso_date(v.get<std::string>()))
      problems.emplace_back(ErrorCode::DateInvalid, kRecordIssueDateKey,
                            "expected a date YYYY-MM-DD");
    else
      issue_date = v.get<std::string>();
    record.erase(kRecordIssueDateKey);
  }
  std::optional<model::CivilDate> reference;
  if (auto d = model::parse_iso_date(issue_date)) reference = *d;
  auto validation = model::validate_record(record, type_entry.schema, reference);
  for (auto& err : validation.errors) problems.push_back(std::move(err));
  out.warnings = std::move(validation.warnings);
  if (req.number) number = req.number;
  if (!number && !spec.number_field.empty()) {
    if (const auto* v = record.contains(spec.number_field) ? &record[spec.number_field] : nullptr;
        v && v->is_string())
      number = v->get<std::string>();
  }
  if (!number && problems.empty() && rule == NumberRule::Required)
    problems.emplace_back(
        ErrorCode::FieldMissing, kRecordNumberKey,
        "no document number: give \"nomor\" in the record or issue through a registry");
  if (!problems.empty()) {
    Error summary(ErrorCode::RecordInvalid, "",
                  std::to_string(problems.size()) + " problem(s) in the " + req.type + " record");
    summary.details = std::move(problems);
    return summary;
  }
  out.number = number.value_or("");
  out.issue_date = std::move(issue_date);
  return out;
}

Status Renderer::validate(const RenderRequest& req) const {
  auto e = entry(req.type);
  if (!e) return e.take_error();
  auto checked = check_record(**e, req, NumberRule::MayComeLater);
  if (!checked) return checked.take_error();
  return ok_status();
}

Result<RenderedDocument> Renderer::render(const RenderRequest& req) const {
  auto e = entry(req.type);
  if (!e) return e.take_error();
  const layout::LayoutSpec& spec = *(*e)->layout;
  auto checked = check_record(**e, req, NumberRule::Required);
  if (!checked) return checked.take_error();
  nlohmann::json& record = checked->subject;
  const std::string& number = checked->number;
  const std::string& issue_date = checked->issue_date;

  nlohmann::json doc = {
      {"type", req.type},
      {"title", spec.title},
      {"number", number},
      {"issue_date", issue_date},
  };
  const auto digest = model::record_digest(record);
  std::string seal_url;
  int qr_version = 0;
  layout::LayoutInputs inputs;
  if (req.seal_key) {
    auto seal_image = make_seal(spec, record, m_office, number, *model::parse_iso_date(issue_date),
                                digest, *req.seal_key, req.seal_base_url, seal_url, qr_version);
    if (!seal_image) return seal_image.take_error();
    inputs.seal = std::move(*seal_image);
  }
  inputs.record = &record;
  inputs.office = &m_office;
  inputs.doc = &doc;
  auto laid = layout::layout_document(spec, *m_fonts, inputs);
  if (!laid) return laid.take_error();
  laid->frames.subject = spec.title + " " + number;

  pdf::PdfWriteOptions options;
  options.creation_time_unix = req.issue_time_unix;
  if (req.signer) {
    options.signature = signature_placeholder(laid->frames, m_office, req.issue_time_unix);
    // The signer's exact CMS bound (about 2.2 KB for ECDSA), more room with a timestamp token.
    options.signature->reserved_bytes = sign::signature_reservation(*req.signer, req.sign_options);
  }
  auto bytes = pdf::write_pdf(laid->frames, *m_fonts, options);
  if (!bytes) return bytes.take_error();
  sign::SignReport sign_report;
  if (req.signer)
    ABSAH_TRY_STATUS(sign::sign_pdf(*bytes, *req.signer, req.sign_options, &sign_report));

  RenderedDocument out;
  out.type = req.type;
  out.number = number;
  out.issue_date = issue_date;
  out.pdf = std::move(*bytes);
  out.pages = laid->frames.pages.size();
  out.signed_pdf = req.signer != nullptr;
  out.seal_url = std::move(seal_url);
  out.qr_version = qr_version;
  out.record_digest = digest;
  out.cms_bytes = sign_report.cms_bytes;
  out.warnings = std::move(laid->warnings);
  for (auto& w : checked->warnings) out.warnings.push_back(std::move(w));
  return out;
}

}  // namespace absah::render
