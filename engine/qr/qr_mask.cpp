#include "engine/qr/qr_mask.h"

#include <bit>
#include <climits>
#include <cstdlib>
#include <cstring>

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

// Set bits of a word. Without the popcnt instruction (not in the baseline x86-64 target) by
// arithmetic, as std::popcount would then call into libgcc for every word; with it (kPopcnt,
// only in code compiled for it, see mask_penalties) by the instruction.
template <bool kPopcnt>
inline int bit_count(uint64_t v) {
  if constexpr (kPopcnt) {
    return __builtin_popcountll(v);
  } else {
    v = v - ((v >> 1) & 0x5555555555555555ull);
    v = (v & 0x3333333333333333ull) + ((v >> 2) & 0x3333333333333333ull);
    v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return static_cast<int>((v * 0x0101010101010101ull) >> 56);
  }
}

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
  template <bool kPopcnt>
  int count() const {
    int c = 0;
    for (int j = 0; j < W; ++j) c += bit_count<kPopcnt>(w[j]);
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
  uint8_t row_bytes[8][kPatternPeriod][kMaxModules] = {};  // row[] one byte a module

  MaskPatterns() {
    for (int m = 0; m < 8; ++m)
      for (int r = 0; r < kPatternPeriod; ++r)
        for (int i = 0; i < kMaxModules; ++i) {
          if (mask_inverts(m, i, r)) row[m][r][i / 64] |= uint64_t{1} << (i % 64);
          if (mask_inverts(m, r, i)) column[m][r][i / 64] |= uint64_t{1} << (i % 64);
          row_bytes[m][r][i] = mask_inverts(m, i, r) ? 1 : 0;
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

// Whether modules [from, to) of `dark` all have colour `want`; positions outside the symbol
// count as light.
template <int W>
bool all_are(const Line<W>& dark, int n, int from, int to, bool want) {
  for (int i = from; i < to; ++i) {
    const bool d = i >= 0 && i < n && dark.bit(i);
    if (d != want) return false;
  }
  return true;
}

// Finder-like patterns wider than one module per unit (1:1:3:1:1 as 2:2:6:2:2 and up) around
// the dark run of length `length` starting at `c`, counted as libqrencode counts them: each run
// exactly one unit (three for the centre) and inside the symbol, with light four units long or
// reaching the edge before or after.
template <int W>
int wide_finder_penalty(const Line<W>& dark, int n, int c, int length) {
  if (length % 3 != 0) return 0;
  const int u = length / 3;
  const int e = c + length;  // one past the centre
  const bool runs_exact =
      c - 2 * u - 1 >= -1 && e + 2 * u <= n && all_are(dark, n, c - u, c, false) &&
      c - u - 1 >= 0 && all_are(dark, n, c - 2 * u, c - u, true) &&
      all_are(dark, n, c - 2 * u - 1, c - 2 * u, false) && all_are(dark, n, e, e + u, false) &&
      all_are(dark, n, e + u, e + 2 * u, true) && all_are(dark, n, e + 2 * u, e + 2 * u + 1, false);
  if (!runs_exact) return 0;
  const bool light_before = all_are(dark, n, c - 6 * u, c - 2 * u, false);
  const bool light_after = all_are(dark, n, e + 2 * u, e + 6 * u, false);
  return light_before || light_after ? kN3 : 0;
}

// Rules N1 (runs of five or more) and N3 (finder-like patterns) along one line.
template <int W, bool kPopcnt>
[[gnu::always_inline]] inline int line_penalty(const Line<W>& dark, const Line<W>& inside,
                                               const Line<W>& pairs_inside, int n) {
  // N1: a run of length L >= 5 costs 3 + (L - 5). `five` marks the starts of five equal
  // modules: L - 4 of them per run, one of them at the run's first module.
  const Line<W> same_as_next = ~(dark ^ ahead(dark, 1)) & pairs_inside;
  const Line<W> five =
      same_as_next & ahead(same_as_next, 1) & ahead(same_as_next, 2) & ahead(same_as_next, 3);
  const Line<W> run_start = ~behind(same_as_next, 1);
  int penalty =
      five.template count<kPopcnt>() + (kN1 - 1) * (five & run_start).template count<kPopcnt>();

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
    penalty += kN3 * (finder & (light_before | light_after)).template count<kPopcnt>();
  }

  // Wider patterns need a centre run of six or more dark modules with light before it.
  const Line<W> opens = dark & ahead(dark, 1) & ahead(dark, 2) & ahead(dark, 3) & ahead(dark, 4) &
                        ahead(dark, 5) & behind(light_inside, 1) & behind(light_inside, 2);
  for (int j = 0; j < W; ++j)
    for (uint64_t bits = opens.w[j]; bits != 0; bits &= bits - 1) {
      const int c = 64 * j + std::countr_zero(bits);
      int length = 6;
      while (c + length < n && dark.bit(c + length)) ++length;
      penalty += wide_finder_penalty(dark, n, c, length);
    }
  return penalty;
}

// A row of n modules, one byte each (0 or 1), as bits: eight bytes a step, the multiplication
// moving byte i's low bit to bit 56 + i (the products' bits never meet, so nothing carries).
template <int W>
Line<W> pack_row(const uint8_t* modules, int n) {
  Line<W> r;
  int x = 0;
  for (; x + 8 <= n; x += 8) {
    uint64_t bytes;
    std::memcpy(&bytes, modules + x, 8);
    const uint64_t bits = ((bytes & 0x0101010101010101ull) * 0x0102040810204080ull) >> 56;
    r.w[x / 64] |= bits << (x % 64);
  }
  for (; x < n; ++x) r.w[x / 64] |= static_cast<uint64_t>(modules[x] & 1) << (x % 64);
  return r;
}

// Transposes a 64 x 64 bit matrix in place (word i = row i, bit j = column j): blocks of 32,
// 16, ... 1 swapped across the diagonal.
void transpose64(uint64_t (&m)[64]) {
  uint64_t mask = 0x00000000ffffffffull;
  for (int width = 32; width > 0; width >>= 1, mask ^= mask << width)
    for (int i = 0; i < 64; i = (i + width + 1) & ~width) {
      const uint64_t t = ((m[i] >> width) ^ m[i + width]) & mask;
      m[i] ^= t << width;
      m[i + width] ^= t;
    }
}

// columns[x] bit y = rows[y] bit x, a 64 x 64 block at a time.
template <int W>
void transpose(const std::vector<Line<W>>& rows, std::vector<Line<W>>& columns) {
  const int n = static_cast<int>(rows.size());
  for (int by = 0; by < W; ++by)
    for (int bx = 0; bx < W; ++bx) {
      uint64_t block[64] = {};
      for (int i = 0; i < 64 && 64 * by + i < n; ++i) block[i] = rows[64 * by + i].w[bx];
      transpose64(block);
      for (int i = 0; i < 64 && 64 * bx + i < n; ++i) columns[64 * bx + i].w[by] = block[i];
    }
}

template <int W, bool kPopcnt>
[[gnu::always_inline]] inline std::array<int, 8> penalties(const UnmaskedSymbol& s,
                                                           QrEcLevel level) {
  const int n = s.size;
  const auto& patterns = MaskPatterns::get();
  std::vector<Line<W>> raw_rows(n), data_rows(n), raw_columns(n), data_columns(n);
  for (int y = 0; y < n; ++y) {
    const size_t row_start = static_cast<size_t>(y) * n;
    raw_rows[y] = pack_row<W>(s.dark.data() + row_start, n);
    data_rows[y] = pack_row<W>(s.data.data() + row_start, n);
  }
  transpose(raw_rows, raw_columns);
  transpose(data_rows, data_columns);
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
      dark_modules += rows[y].template count<kPopcnt>();
      penalty += line_penalty<W, kPopcnt>(rows[y], inside, pairs_inside, n);
      penalty += line_penalty<W, kPopcnt>(columns[y], inside, pairs_inside, n);
      if (y > 0) {
        // N2: each 2x2 block of one colour, overlapping blocks counted separately.
        const Line<W>& above = rows[y - 1];
        const Line<W> same_vertically = ~(above ^ rows[y]);
        const Line<W> block =
            same_vertically & ahead(same_vertically, 1) & ~(above ^ ahead(above, 1)) & pairs_inside;
        penalty += kN2 * block.template count<kPopcnt>();
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

namespace {

// The scoring compiled twice, for processors with and without popcnt (nearly all x86-64 ones
// made since 2009 have it): a quarter of the scoring was counting bits by arithmetic. The
// penalty code is inlined into each, so each gets its own instructions.
template <bool kPopcnt>
[[gnu::always_inline]] inline std::array<int, 8> penalties_by_width(const UnmaskedSymbol& symbol,
                                                                    QrEcLevel level) {
  if (symbol.size <= 64) return penalties<1, kPopcnt>(symbol, level);
  if (symbol.size <= 128) return penalties<2, kPopcnt>(symbol, level);
  return penalties<3, kPopcnt>(symbol, level);
}

[[gnu::target("popcnt")]] std::array<int, 8> penalties_with_popcnt(const UnmaskedSymbol& symbol,
                                                                   QrEcLevel level) {
  return penalties_by_width<true>(symbol, level);
}

}  // namespace

std::array<int, 8> mask_penalties_without_popcnt(const UnmaskedSymbol& symbol, QrEcLevel level) {
  return penalties_by_width<false>(symbol, level);
}

std::array<int, 8> mask_penalties(const UnmaskedSymbol& symbol, QrEcLevel level) {
  static const bool has_popcnt = __builtin_cpu_supports("popcnt");
  return has_popcnt ? penalties_with_popcnt(symbol, level)
                    : mask_penalties_without_popcnt(symbol, level);
}

int choose_mask(const UnmaskedSymbol& symbol, QrEcLevel level) {
  const auto scores = mask_penalties(symbol, level);
  int best = 0;
  for (int m = 1; m < 8; ++m)
    if (scores[m] < scores[best]) best = m;
  return best;
}

void invert_masked_modules(int size, const std::vector<uint8_t>& data, int mask,
                           std::vector<uint8_t>& dark) {
  const auto& patterns = MaskPatterns::get();
  uint8_t* out = dark.data();
  const uint8_t* in = data.data();
  for (int y = 0; y < size; ++y) {
    const uint8_t* row = patterns.row_bytes[mask & 7][y % kPatternPeriod];
    const size_t start = static_cast<size_t>(y) * size;
    int x = 0;
    for (; x + 8 <= size; x += 8) {  // eight modules a step
      uint64_t o, d, r;
      std::memcpy(&o, out + start + x, 8);
      std::memcpy(&d, in + start + x, 8);
      std::memcpy(&r, row + x, 8);
      o ^= d & r;
      std::memcpy(out + start + x, &o, 8);
    }
    for (; x < size; ++x) out[start + x] ^= in[start + x] & row[x];
  }
}

std::vector<uint8_t> apply_mask(const UnmaskedSymbol& symbol, QrEcLevel level, int mask) {
  const int n = symbol.size;
  std::vector<uint8_t> out(symbol.dark);
  invert_masked_modules(n, symbol.data, mask, out);
  const uint16_t format = format_information(level, mask);
  for_each_format_module(
      n, [&](int x, int y, int bit) { out[static_cast<size_t>(y) * n + x] = (format >> bit) & 1; });
  return out;
}

}  // namespace absah::qr
