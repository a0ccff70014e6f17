#pragma once
// printf formatting for the plain formats PoDoFo writes its tokens with ("%i %i obj\n",
// " %i %hi R", "%s", "%ld", ...), without going through vsnprintf: writing the letter calls the
// output device's Print a few thousand times, and vsnprintf's set-up per call was most of the
// cost of writing the objects.

#include <cstdarg>
#include <string>

namespace absah::pdf {

// True when every conversion in `format` is a plain one: d, i, u, c, s or %, with an optional
// hh, h, l, ll or z length and no flags, width or precision. Such formats produce exactly what
// vsnprintf produces through append_plain_format.
bool is_plain_format(const char* format);

// Appends `format` filled from `args` to `out`; `format` must satisfy is_plain_format.
void append_plain_format(std::string& out, const char* format, va_list args);

}  // namespace absah::pdf
