#pragma once
// Validates a record against its schema before layout, reporting every problem at once, each
// naming the JSON path ("anggota[3].nik") and the rule. Values are never corrected silently.

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/error.h"
#include "engine/model/civil_date.h"
#include "engine/model/schema.h"

namespace absah::model {

struct ValidationResult {
  std::vector<Error> errors;
  std::vector<Error> warnings;  // accepted with a note, e.g. a legacy NIK
  bool ok() const { return errors.empty(); }
};

// `reference_date` (the issue date) enables the date_not_future rules.
ValidationResult validate_record(const nlohmann::json& record, const Schema& schema,
                                 std::optional<CivilDate> reference_date = std::nullopt);

}  // namespace absah::model
