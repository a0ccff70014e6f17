#include "engine/qr/qr_mask.h"

#include <bit>
#include <climits>
#include <cstdlib>

namespace absah::qr {

namespace {

// Penalty weights, ISO/IEC 18004:2015 §7.8.3 Table 11.
constexpr int kN1 = 3;
constexpr int kN2 = 3;
constexpr int kN3 = 40;
constexpr int kN4 = 10;

constexpr int kMaxWords = 3;  // 177 modules (version 40) fit in three 64-bit words
constexpr int kMaxModules = 64 * kMaxWords;
constexpr int kPatternPeriod = 12;  // every mask pattern repeats after 12 rows and columns

// One row or column of a symbol, bit i = module i (1 = dark). Only bits below the symbol size
// are ever set in module lines; shifts say what comes in from beyond either end.
template <int W>
struct Line {
  std::array<uint64_t, W> w{};

  Line operator&(const Line& o) const {
    Line r;
    for (int j = 0; j < W; ++j) r.w[j] = w[j] & o.w[j];
    return r;
  }
  Line operator|(const Line& o) const {
    Line r;
    for (int j = 0; j < W; ++j) r.w[j] = w[j] | o.w[j];
    return r;
  }
  Line operator^(const Line& o) const {
    Line r;
    for (int j = 0; j < W; ++j) r.w[j] = w[j] ^ o.w[j];
    return r;
  }
  Line operator~() const {
    Line r;
    for (int j = 0; j < W; ++j) r.w[j] = ~w[j];
    return r;
  }
  int count() const {
    int c = 0;
    for (int j = 0; j < W; ++j) c += std::popcount(w[j]);
    return c;
  }
  bool any() const {
    uint64_t a = 0;
    for (int j = 0; j < W; ++j) a |= w[j];
    return a != 0;
  }
  bool bit(int i) const { return (w[i / 64] >> (i % 64)) & 1; }
  void set(int i) { w[i / 64] |= uint64_t{1} << (i % 64); }
  void clear(int i) { w[i / 64] &= ~(uint64_t{1} << (i % 64)); }
};

// Bit i of the result is bit i + k of `a`; positions past the end read as `fill` (0 or ~0).
// 1 <= k <= 63.
template <int W>
Line<W> ahead(const Line<W>& a, int k, uint64_t fill = 0) {
  Line<W> r;
  for (int j = 0; j < W; ++j) {
    const uint64_t next = j + 1 < W ? a.w[j + 1] : fill;
    r.w[j] = (a.w[j] >> k) | (next << (64 - k));
  }
  return r;
}

// Bit i of the result is bit i - k of `a`; positions before the start read as `fill`.
template <int W>
Line<W> behind(const Line<W>& a, int k, uint64_t fill = 0) {
  Line<W> r;
  for (int j = 0; j < W; ++j) {
    const uint64_t prev = j > 0 ? a.w[j - 1] : fill;
    r.w[j] = (a.w[j] << k) | (prev >> (64 - k));
  }
  return r;
}

template <int W>
Line<W> first_bits(int n) {
  Line<W> r;
  for (int i = 0; i < n; ++i) r.set(i);
  return r;
}

// Which modules each mask inverts, by row (bits are x) for rows y mod 12 and by column (bits
// are y) for columns x mod 12. The same for every symbol, so built once.
struct MaskPatterns {
  uint64_t row[8][kPatternPeriod][kMaxWords] = {};
  uint64_t column[8][kPatternPeriod][kMaxWords] = {};

  MaskPatterns() {
    for (int m = 0; m < 8; ++m)
      for (int r = 0; r < kPatternPeriod; ++r)
        for (int i = 0; i < kMaxModules; ++i) {
          if (mask_inverts(m, i, r)) row[m][r][i / 64] |= uint64_t{1} << (i % 64);
          if (mask_inverts(m, r, i)) column[m][r][i / 64] |= uint64_t{1} << (i % 64);
        }
  }

  static const MaskPatterns& get() {
    static const MaskPatterns patterns;
    return patterns;
  }
};

template <int W>
Line<W> load(const uint64_t (&words)[kMaxWords]) {
  Line<W> r;
  for (int j = 0; j < W; ++j) r.w[j] = words[j];
  return r;
}

// Calls f(x, y, bit) for both copies of each format information bit (§7.9.1 Figure 25).
template <typename F>
void for_each_format_module(int size, F&& f) {
  for (int i = 0; i < 8; ++i) {
    f(size - 1 - i, 8, i);
    f(8, i < 6 ? i : i + 1, i);
  }
  for (int i = 0; i < 7; ++i) {
    f(8, size - 7 + i, 8 + i);
    f(i == 0 ? 7 : 6 - i, 8, 8 + i);
  }
}

// Finder-like patterns wider than one module per unit (1:1:3:1:1 as 2:2:6:2:2 and up), counted
// from the run lengths as libqrencode counts them: dark runs sit at odd indices, index 0 being a
// placeholder when the line starts dark.
template <int W>
int wide_finder_penalty(const Line<W>& dark, int n) {
  int runs[kMaxModules + 2];
  int length = 0;
  if (dark.bit(0)) runs[length++] = -1;
  runs[length++] = 1;
  for (int i = 1; i < n; ++i) {
    if (dark.bit(i) != dark.bit(i - 1))
      runs[length++] = 1;
    else
      ++runs[length - 1];
  }
  int penalty = 0;
  for (int i = 3; i < length - 2; i += 2) {
    if (runs[i] % 3 != 0 || runs[i] < 6) continue;
    const int unit = runs[i] / 3;
    if (runs[i - 2] != unit || runs[i - 1] != unit || runs[i + 1] != unit || runs[i + 2] != unit)
      continue;
    const bool light_before = i == 3 || runs[i - 3] >= 4 * unit;
    const bool light_after = i + 4 >= length || runs[i + 3] >= 4 * unit;
    if (light_before || light_after) penalty += kN3;
  }
  return penalty;
}

// Rules N1 (runs of five or more) and N3 (finder-like patterns) along one line.
template <int W>
int line_penalty(const Line<W>& dark, const Line<W>& inside, const Line<W>& pairs_inside, int n) {
  // N1: a run of length L >= 5 costs 3 + (L - 5). `five` marks the starts of five equal
  // modules: L - 4 of them per run, one of them at the run's first module.
  const Line<W> same_as_next = ~(dark ^ ahead(dark, 1)) & pairs_inside;
  const Line<W> five =
      same_as_next & ahead(same_as_next, 1) & ahead(same_as_next, 2) & ahead(same_as_next, 3);
  const Line<W> run_start = ~behind(same_as_next, 1);
  int penalty = five.count() + (kN1 - 1) * (five & run_start).count();

  // N3 at one module per unit: dark, light, dark x3, light, dark, starting at p, each run
  // exactly that long, with four light modules before or after it; beyond the edge is light.
  const Line<W> light = ~dark;  // past the last module too, as dark has no bits there
  const Line<W> light_inside = light & inside;
  const Line<W> finder = dark & behind(light, 1, ~uint64_t{0}) & ahead(light, 1) & ahead(dark, 2) &
                         ahead(dark, 3) & ahead(dark, 4) & ahead(light, 5) & ahead(dark, 6) &
                         ahead(light, 7, ~uint64_t{0});
  if (finder.any()) {
    const uint64_t edge = ~uint64_t{0};
    const Line<W> light_before = behind(light, 1, edge) & behind(light, 2, edge) &
                                 behind(light, 3, edge) & behind(light, 4, edge);
    const Line<W> light_after = ahead(light, 7, edge) & ahead(light, 8, edge) &
                                ahead(light, 9, edge) & ahead(light, 10, edge);
    penalty += kN3 * (finder & (light_before | light_after)).count();
  }

  // Wider patterns need a dark run of six or more with two light modules on each side.
  const Line<W> six =
      dark & ahead(dark, 1) & ahead(dark, 2) & ahead(dark, 3) & ahead(dark, 4) & ahead(dark, 5);
  const Line<W> opens = six & behind(light_inside, 1) & behind(light_inside, 2);
  if (opens.any()) {
    const Line<W> six_ending = dark & behind(dark, 1) & behind(dark, 2) & behind(dark, 3) &
                               behind(dark, 4) & behind(dark, 5);
    if ((six_ending & ahead(light_inside, 1) & ahead(light_inside, 2)).any())
      penalty += wide_finder_penalty(dark, n);
  }
  return penalty;
}

template <int W>
std::array<int, 8> penalties(const UnmaskedSymbol& s, QrEcLevel level) {
  const int n = s.size;
  const auto& patterns = MaskPatterns::get();
  std::vector<Line<W>> raw_rows(n), data_rows(n), raw_columns(n), data_columns(n);
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      const size_t i = static_cast<size_t>(y) * n + x;
      if (s.dark[i]) raw_rows[y].set(x), raw_columns[x].set(y);
      if (s.data[i]) data_rows[y].set(x), data_columns[x].set(y);
    }
  const Line<W> inside = first_bits<W>(n);
  const Line<W> pairs_inside = first_bits<W>(n - 1);
  const int area = n * n;

  std::array<int, 8> result{};
  std::vector<Line<W>> rows(n), columns(n);
  for (int m = 0; m < 8; ++m) {
    for (int i = 0; i < n; ++i) {
      rows[i] = raw_rows[i] ^ (load<W>(patterns.row[m][i % kPatternPeriod]) & data_rows[i]);
      columns[i] =
          raw_columns[i] ^ (load<W>(patterns.column[m][i % kPatternPeriod]) & data_columns[i]);
    }
    const uint16_t format = format_information(level, m);
    for_each_format_module(n, [&](int x, int y, int bit) {
      if ((format >> bit) & 1)
        rows[y].set(x), columns[x].set(y);
      else
        rows[y].clear(x), columns[x].clear(y);
    });

    int penalty = 0;
    int dark_modules = 0;
    for (int y = 0; y < n; ++y) {
      dark_modules += rows[y].count();
      penalty += line_penalty(rows[y], inside, pairs_inside, n);
      penalty += line_penalty(columns[y], inside, pairs_inside, n);
      if (y > 0) {
        // N2: each 2x2 block of one colour, overlapping blocks counted separately.
        const Line<W>& above = rows[y - 1];
        const Line<W> same_vertically = ~(above ^ rows[y]);
        const Line<W> block =
            same_vertically & ahead(same_vertically, 1) & ~(above ^ ahead(above, 1)) & pairs_inside;
        penalty += kN2 * block.count();
      }
    }
    // N4: 10 per full 5 % that the dark share (rounded to a whole percent) is off 50 %.
    const int percent = (200 * dark_modules + area) / area / 2;
    penalty += std::abs(percent - 50) / 5 * kN4;
    result[m] = penalty;
  }
  return result;
}

}  // namespace

bool mask_inverts(int mask, int x, int y) {
  switch (mask) {
    case 0:
      return (x + y) % 2 == 0;
    case 1:
      return y % 2 == 0;
    case 2:
      return x % 3 == 0;
    case 3:
      return (x + y) % 3 == 0;
    case 4:
      return (y / 2 + x / 3) % 2 == 0;
    case 5:
      return (x * y) % 2 + (x * y) % 3 == 0;
    case 6:
      return ((x * y) % 2 + (x * y) % 3) % 2 == 0;
    case 7:
      return ((x + y) % 2 + (x * y) % 3) % 2 == 0;
    default:
      return false;
  }
}

uint16_t format_information(QrEcLevel level, int mask) {
  // Error correction level indicators, §7.9.1 Table 12.
  uint32_t indicator = 0;
  switch (level) {
    case QrEcLevel::L:
      indicator = 1;
      break;
    case QrEcLevel::M:
    case QrEcLevel::None:
      indicator = 0;
      break;
    case QrEcLevel::Q:
      indicator = 3;
      break;
    case QrEcLevel::H:
      indicator = 2;
      break;
  }
  const uint32_t data = (indicator << 3) | static_cast<uint32_t>(mask & 7);
  // (15, 5) BCH code, generator x^10 + x^8 + x^5 + x^4 + x^2 + x + 1 (Annex C.2).
  constexpr uint32_t kGenerator = 0x537;
  uint32_t remainder = data << 10;
  for (int bit = 14; bit >= 10; --bit)
    if ((remainder >> bit) & 1) remainder ^= kGenerator << (bit - 10);
  return static_cast<uint16_t>(((data << 10) | remainder) ^ 0x5412);
}

std::array<int, 8> mask_penalties(const UnmaskedSymbol& symbol, QrEcLevel level) {
  if (symbol.size <= 64) return penalties<1>(symbol, level);
  if (symbol.size <= 128) return penalties<2>(symbol, level);
  return penalties<3>(symbol, level);
}

int choose_mask(const UnmaskedSymbol& symbol, QrEcLevel level) {
  const auto scores = mask_penalties(symbol, level);
  int best = 0;
  for (int m = 1; m < 8; ++m)
    if (scores[m] < scores[best]) best = m;
  return best;
}

std::vector<uint8_t> apply_mask(const UnmaskedSymbol& symbol, QrEcLevel level, int mask) {
  const int n = symbol.size;
  std::vector<uint8_t> out(symbol.dark);
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      const size_t i = static_cast<size_t>(y) * n + x;
      if (symbol.data[i] && mask_inverts(mask, x, y)) out[i] ^= 1;
    }
  const uint16_t format = format_information(level, mask);
  for_each_format_module(
      n, [&](int x, int y, int bit) { out[static_cast<size_t>(y) * n + x] = (format >> bit) & 1; });
  return out;
}

}  // namespace absah::qr
