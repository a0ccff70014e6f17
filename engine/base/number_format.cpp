#include "engine/base/number_format.h"

#include <charconv>
#include <cmath>

namespace absah {

void append_decimal(std::string& out, double value, int decimals) {
  if (!std::isfinite(value)) value = 0;
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
  if (ec != std::errc()) {
    out += '0';
    return;
  }
  char* last = end;
  bool has_dot = false;
  for (char* p = buf; p < end; ++p) has_dot |= (*p == '.');
  if (has_dot) {
    while (last > buf && last[-1] == '0') --last;
    if (last > buf && last[-1] == '.') --last;
  }
  std::string_view text(buf, last - buf);
  if (text == "-0" || text.empty()) text = "0";
  out.append(text);
}

std::string format_decimal(double value, int decimals) {
  std::string out;
  append_decimal(out, value, decimals);
  return out;
}

}  // namespace absah
