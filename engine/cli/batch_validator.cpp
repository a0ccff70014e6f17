#include "engine/cli/batch_validator.h"

#include <vector>

#include "engine/layout/layout_loader.h"
#include "engine/model/civil_date.h"
#include "engine/model/validate.h"

namespace absah::cli {

namespace {

// The renderer dates documents in Kota Mataram's day (WITA, UTC+8).
constexpr int64_t kOfficeUtcOffsetSeconds = 8 * 3600;

model::CivilDate office_day(int64_t unix_seconds) {
  int64_t local = unix_seconds + kOfficeUtcOffsetSeconds;
  int64_t days = local / 86400 - (local % 86400 < 0 ? 1 : 0);
  return model::CivilDate::from_days_since_epoch(days);
}

}  // namespace

Result<std::shared_ptr<const model::Schema>> BatchValidator::schema(const std::string& type) const {
  // The layout first: an unknown type gets the renderer's own error, listing the known types.
  auto spec = m_renderer.layout(type);
  if (!spec) return spec.take_error();
  std::lock_guard lock(m_mutex);
  if (auto it = m_schemas.find(type); it != m_schemas.end()) return it->second;
  if (!m_enums) {
    const auto layouts = m_data_dir / "layouts";
    auto json = layout::read_jsonc_with_includes(layouts / "parts" / "enums.jsonc", layouts);
    if (!json) return json.take_error();
    auto enums = model::parse_enumerations(*json);
    if (!enums) return enums.take_error();
    m_enums = std::move(*enums);
  }
  auto parsed = model::parse_schema((*spec)->schema, *m_enums);
  if (!parsed) return parsed.take_error();
  auto shared = std::make_shared<const model::Schema>(std::move(*parsed));
  m_schemas[type] = shared;
  return shared;
}

Status BatchValidator::check(const std::string& type, const nlohmann::json& record,
                             int64_t issue_time_unix) const {
  auto schema_of_type = schema(type);
  if (!schema_of_type) return schema_of_type.take_error();
  if (!record.is_object())
    return Error(ErrorCode::FieldType, "", "the record must be a JSON object");

  // The document keys are checked and taken out, as the renderer does, before the schema sees
  // the subject's data.
  nlohmann::json subject = record;
  std::vector<Error> problems;
  std::optional<model::CivilDate> reference = office_day(issue_time_unix);
  if (auto it = subject.find(render::kRecordNumberKey); it != subject.end()) {
    if (!it->is_string() || it->get_ref<const std::string&>().empty())
      problems.emplace_back(ErrorCode::FieldType, render::kRecordNumberKey,
                            "expected a non-empty string");
    subject.erase(it);
  }
  if (auto it = subject.find(render::kRecordIssueDateKey); it != subject.end()) {
    auto day = it->is_string() ? model::parse_iso_date(it->get<std::string>())
                               : Result<model::CivilDate>(Error(ErrorCode::DateInvalid, "", ""));
    if (!day)
      problems.emplace_back(ErrorCode::DateInvalid, render::kRecordIssueDateKey,
                            "expected a date YYYY-MM-DD");
    else
      reference = *day;
    subject.erase(it);
  }
  auto validation = model::validate_record(subject, **schema_of_type, reference);
  for (auto& err : validation.errors) problems.push_back(std::move(err));
  if (problems.empty()) return ok_status();
  Error summary(ErrorCode::RecordInvalid, "",
                std::to_string(problems.size()) + " problem(s) in the " + type + " record");
  summary.details = std::move(problems);
  return summary;
}

}  // namespace absah::cli
