#include "engine/model/indonesian.h"

#include <cstdio>

#include "engine/base/utf8.h"

namespace absah::model {

namespace {

const char* const kMonths[] = {"Januari",   "Februari", "Maret",    "April",
                               "Mei",       "Juni",     "Juli",     "Agustus",
                               "September", "Oktober",  "November", "Desember"};
const char* const kDays[] = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"};
const char* const kUnits[] = {"",     "satu", "dua",   "tiga",    "empat",
                              "lima", "enam", "tujuh", "delapan", "sembilan"};

// 0 < n < 1000
std::string below_thousand(int n) {
  std::string out;
  auto add = [&](const std::string& w) {
    if (!w.empty()) out += (out.empty() ? "" : " ") + w;
  };
  int hundreds = n / 100, rest = n % 100;
  if (hundreds == 1)
    add("seratus");
  else if (hundreds > 1)
    add(std::string(kUnits[hundreds]) + " ratus");
  if (rest == 10)
    add("sepuluh");
  else if (rest == 11)
    add("sebelas");
  else if (rest > 11 && rest < 20)
    add(std::string(kUnits[rest - 10]) + " belas");
  else if (rest >= 20) {
    add(std::string(kUnits[rest / 10]) + " puluh");
    add(kUnits[rest % 10]);
  } else if (rest > 0) {
    add(kUnits[rest]);
  }
  return out;
}

uint32_t upper_code_point(uint32_t c) {
  if (c >= 'a' && c <= 'z') return c - 0x20;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 0x20;  // Latin-1 Supplement
  if (c == 0xFF) return 0x178;
  if (c >= 0x100 && c <= 0x17F) {  // Latin Extended-A: pairs, with two odd-aligned runs
    if (c == 0x131) return 'I';
    if (c == 0x17F) return 'S';
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 0) ? c - 1 : c;
    if (c == 0x138 || c == 0x149 || c == 0x130) return c;
    return (c % 2 == 1) ? c - 1 : c;
  }
  if (c >= 0x1E00 && c <= 0x1EFF && !(c >= 0x1E96 && c <= 0x1E9F))  // Latin Extended Additional
    return (c % 2 == 1) ? c - 1 : c;
  return c;
}

}  // namespace

std::string month_name(int month) {
  return month >= 1 && month <= 12 ? kMonths[month - 1] : "?";
}
std::string weekday_name(const CivilDate& d) {
  return kDays[d.weekday()];
}

std::string format_date_long(const CivilDate& d) {
  return std::to_string(d.day) + " " + month_name(d.month) + " " + std::to_string(d.year);
}

std::string format_date_numeric(const CivilDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d.day, d.month, d.year);
  return buf;
}

std::string format_date_words(const CivilDate& d) {
  return to_upper_id(number_to_words(d.day) + " " + month_name(d.month) + " " +
                     number_to_words(d.year));
}

std::string format_time(const CivilTime& t) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d.%02d", t.hour, t.minute);
  return buf;
}

std::string number_to_words(int64_t n) {
  if (n < 0 || n > 999'999'999'999) return std::to_string(n);
  if (n == 0) return "nol";
  struct Scale {
    int64_t value;
    const char* name;
  };
  const Scale scales[] = {{1'000'000'000, "miliar"}, {1'000'000, "juta"}, {1000, "ribu"}};
  std::string out;
  auto add = [&](const std::string& w) {
    if (!w.empty()) out += (out.empty() ? "" : " ") + w;
  };
  for (const Scale& s : scales) {
    int64_t part = n / s.value;
    n %= s.value;
    if (part == 0) continue;
    if (part == 1 && s.value == 1000)
      add("seribu");
    else
      add(below_thousand(static_cast<int>(part)) + " " + s.name);
  }
  if (n > 0) add(below_thousand(static_cast<int>(n)));
  return out;
}

std::string to_upper_id(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    size_t start = pos;
    auto cp = next_code_point(s, pos);
    if (!cp) {
      out += s[start];
      pos = start + 1;
      continue;
    }
    append_utf8(out, upper_code_point(*cp));
  }
  return out;
}

}  // namespace absah::model
