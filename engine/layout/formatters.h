#pragma once
// The formatters a binding may apply, in order: upper, date ("23 Maret 2020"), date_num
// ("23-03-2020"), date_words ("DUA PULUH TIGA MARET DUA RIBU DUA PULUH"), day ("Senin"),
// time ("14.05"), words (number in upper-case words), or:TEXT (fallback when empty),
// pad:N (zero-pad), decimal (Indonesian decimal comma), group:SPEC (digit groups, e.g.
// group:4-4-4-4 → "5271 0323 0390 0001"), prefix:TEXT / suffix:TEXT (only when not empty).

#include <string>

#include <nlohmann/json.hpp>

#include "engine/base/result.h"

namespace absah::layout {

struct Formatter;

std::string json_to_text(const nlohmann::json& value);
Result<std::string> apply_formatter(const Formatter& f, const std::string& value);

}  // namespace absah::layout
