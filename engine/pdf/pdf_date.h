#pragma once
// PDF date strings (PDF 32000-1 §7.9.4) in UTC, independent of the process time zone
// (PoDoFo's own PdfDate formats in local time).

#include <cstdint>
#include <string>

namespace absah::pdf {

std::string pdf_date_utc(int64_t unix_seconds);  // "D:20261120083000Z"

}  // namespace absah::pdf
