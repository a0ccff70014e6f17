#pragma once
// Locale-free number formatting for everything written into PDFs and reports: the same bytes
// whatever the process locale (a comma decimal separator would corrupt a content stream).

#include <string>

namespace absah {

// Fixed-point with at most `decimals` digits, trailing zeros and a trailing dot removed,
// "-0" printed as "0". Used for PDF operands.
std::string format_decimal(double value, int decimals = 3);

// Appends the same text to `out`, avoiding a temporary on hot paths.
void append_decimal(std::string& out, double value, int decimals = 3);

}  // namespace absah
