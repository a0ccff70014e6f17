#pragma once
// Validates a record against its schema before layout and reports every problem at once, each
// naming the JSON path ("anggota[3].nik", "alamat.rt_rw") and the rule it breaks. Values are
// never corrected silently. docs/record-schema.md lists the rules and error codes.

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/error.h"
#include "engine/model/civil_date.h"
#include "engine/model/schema.h"

namespace absah::model {

// Past this many errors the validator stops and adds one RecordInvalid error saying so.
inline constexpr size_t kMaxReportedErrors = 200;

// Field name of the issue date that date_not_future rules compare with when the caller passes
// no reference date.
inline constexpr const char* kIssueDateField = "tanggal_terbit";

struct ValidationResult {
  std::vector<Error> errors;
  std::vector<Error> warnings;  // accepted with a note, e.g. a legacy NIK
  bool ok() const { return errors.empty(); }
};

// Errors come in schema order: for each object its fields in the order the schema object holds
// them (nlohmann::json keeps members sorted by name), a field's own problems in the order they
// were found, then the object's unknown fields, and last the cross-field rules.
// `reference_date` (the issue date) enables the date_not_future rules; without it the record's
// own "tanggal_terbit" is used when it is a valid date, else those rules are skipped.
ValidationResult validate_record(const nlohmann::json& record, const Schema& schema,
                                 std::optional<CivilDate> reference_date = std::nullopt);

}  // namespace absah::model
