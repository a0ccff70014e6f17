#include "engine/model/indonesian.h"

#include <algorithm>
#include <cstdio>
#include <iterator>

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

// Simple (one-to-one) uppercase mappings of Latin Extended-B from UnicodeData.txt field 12
// (Unicode 15); sorted by the lower-case code point. Title-case digraphs (ǅ) map to the
// upper-case digraph (Ǆ).
struct CasePair {
  uint32_t lower, upper;
};
constexpr CasePair kLatinExtendedBUpper[] = {
    {0x180, 0x243}, {0x183, 0x182}, {0x185, 0x184}, {0x188, 0x187},  {0x18C, 0x18B},
    {0x192, 0x191}, {0x195, 0x1F6}, {0x199, 0x198}, {0x19A, 0x23D},  {0x19E, 0x220},
    {0x1A1, 0x1A0}, {0x1A3, 0x1A2}, {0x1A5, 0x1A4}, {0x1A8, 0x1A7},  {0x1AD, 0x1AC},
    {0x1B0, 0x1AF}, {0x1B4, 0x1B3}, {0x1B6, 0x1B5}, {0x1B9, 0x1B8},  {0x1BD, 0x1BC},
    {0x1BF, 0x1F7}, {0x1C5, 0x1C4}, {0x1C6, 0x1C4}, {0x1C8, 0x1C7},  {0x1C9, 0x1C7},
    {0x1CB, 0x1CA}, {0x1CC, 0x1CA}, {0x1CE, 0x1CD}, {0x1D0, 0x1CF},  {0x1D2, 0x1D1},
    {0x1D4, 0x1D3}, {0x1D6, 0x1D5}, {0x1D8, 0x1D7}, {0x1DA, 0x1D9},  {0x1DC, 0x1DB},
    {0x1DD, 0x18E}, {0x1DF, 0x1DE}, {0x1E1, 0x1E0}, {0x1E3, 0x1E2},  {0x1E5, 0x1E4},
    {0x1E7, 0x1E6}, {0x1E9, 0x1E8}, {0x1EB, 0x1EA}, {0x1ED, 0x1EC},  {0x1EF, 0x1EE},
    {0x1F2, 0x1F1}, {0x1F3, 0x1F1}, {0x1F5, 0x1F4}, {0x1F9, 0x1F8},  {0x1FB, 0x1FA},
    {0x1FD, 0x1FC}, {0x1FF, 0x1FE}, {0x201, 0x200}, {0x203, 0x202},  {0x205, 0x204},
    {0x207, 0x206}, {0x209, 0x208}, {0x20B, 0x20A}, {0x20D, 0x20C},  {0x20F, 0x20E},
    {0x211, 0x210}, {0x213, 0x212}, {0x215, 0x214}, {0x217, 0x216},  {0x219, 0x218},
    {0x21B, 0x21A}, {0x21D, 0x21C}, {0x21F, 0x21E}, {0x223, 0x222},  {0x225, 0x224},
    {0x227, 0x226}, {0x229, 0x228}, {0x22B, 0x22A}, {0x22D, 0x22C},  {0x22F, 0x22E},
    {0x231, 0x230}, {0x233, 0x232}, {0x23C, 0x23B}, {0x23F, 0x2C7E}, {0x240, 0x2C7F},
    {0x242, 0x241}, {0x247, 0x246}, {0x249, 0x248}, {0x24B, 0x24A},  {0x24D, 0x24C},
    {0x24F, 0x24E}};

uint32_t upper_code_point(uint32_t c) {
  // Simple case mapping of UnicodeData.txt; the special (length-changing) mappings of
  // SpecialCasing.txt — ß → SS, ŉ → ʼN — are deliberately not applied, because a name must keep
  // its letters one to one. U+00B5 MICRO SIGN stays (its upper case is Greek).
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
  if (c >= 0x180 && c <= 0x24F) {  // Latin Extended-B: irregular, so a table
    auto it = std::lower_bound(std::begin(kLatinExtendedBUpper), std::end(kLatinExtendedBUpper), c,
                               [](const CasePair& p, uint32_t v) { return p.lower < v; });
    return it != std::end(kLatinExtendedBUpper) && it->lower == c ? it->upper : c;
  }
  if (c == 0x1E9B) return 0x1E60;                                   // long s with dot above
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
