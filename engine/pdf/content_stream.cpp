#include "engine/pdf/content_stream.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <vector>

#include "engine/base/number_format.h"

namespace absah::pdf {

// When the scaled value is not within a hair of a rounding tie, rounding it to an integer gives
// the digits append_decimal would print (trailing zeros and a bare "-0" dropped the same way);
// near a tie, and for huge or non-finite values, append_decimal itself decides.
void append_number(std::string& out, double value, int decimals) {
  static constexpr double kScale[] = {1, 10, 100, 1000};
  static constexpr int64_t kUnit[] = {1, 10, 100, 1000};
  const double scaled = value * kScale[decimals];
  const double rounded = std::nearbyint(scaled);
  if (!(std::fabs(scaled) < 1e15) || std::fabs(std::fabs(scaled - rounded) - 0.5) < 1e-6) {
    append_decimal(out, value, decimals);
    return;
  }
  int64_t n = static_cast<int64_t>(rounded);
  if (n == 0) {
    out += '0';
    return;
  }
  char buf[32];
  char* p = buf;
  if (n < 0) {
    *p++ = '-';
    n = -n;
  }
  p = std::to_chars(p, buf + sizeof buf, n / kUnit[decimals]).ptr;
  int64_t fraction = n % kUnit[decimals];
  if (fraction != 0) {
    int digits = decimals;
    while (fraction % 10 == 0) {
      fraction /= 10;
      --digits;
    }
    *p++ = '.';
    for (int i = digits - 1; i >= 0; --i) {
      p[i] = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    p += digits;
  }
  out.append(buf, p);
}

namespace {

class Ops {
 public:
  explicit Ops(double page_height) : m_page_height(page_height) {}
  std::string& out() { return m_out; }
  Ops& num(double v) {
    append_number(m_out, v, 3);
    m_out += ' ';
    return *this;
  }
  // Layout y (down from the top) → PDF y (up from the bottom).
  Ops& y(double layout_y) { return num(m_page_height - layout_y); }
  Ops& op(const char* o) {
    m_out += o;
    m_out += '\n';
    return *this;
  }
  Ops& color(const Color& c, bool stroke) {
    num(c.r).num(c.g).num(c.b);
    return op(stroke ? "RG" : "rg");
  }

 private:
  std::string m_out;
  double m_page_height;
};

// Glyph codes are two bytes (Identity-H) inside literal strings: half the bytes of the hex
// form for the content stream to build and deflate. The delimiters and the backslash are
// escaped, and CR and LF too, since a reader turns an unescaped end of line into LF
// (ISO 32000-1 §7.3.4.2).

// The fill colour and the font last set at the top level of the page. Both belong to the
// graphics state, which BT/ET leave alone and every other item brackets with q/Q, so a run
// that repeats them need not set them again (most of a letter is black text in two fonts).
struct TextState {
  std::optional<Color> fill;
  std::optional<text::FontId> font;
  double size = 0;
};

// A glyph's two-byte code written at `p`, escaped where a literal string needs it; returns the
// end. At most four bytes.
char* put_glyph_code(char* p, uint32_t gid) {
  for (char b : {static_cast<char>((gid >> 8) & 0xFF), static_cast<char>(gid & 0xFF)}) {
    switch (b) {
      case '(':
      case ')':
      case '\\':
        *p++ = '\\';
        *p++ = b;
        break;
      case '\r':
        *p++ = '\\';
        *p++ = 'r';
        break;
      case '\n':
        *p++ = '\\';
        *p++ = 'n';
        break;
      default:
        *p++ = b;
    }
  }
  return p;
}

// Appends to a string through a pointer, growing it ahead in steps: a letter draws thousands
// of glyphs, and a std::string append per glyph costs more than writing the glyph.
class StringCursor {
 public:
  explicit StringCursor(std::string& out) : m_out(out), m_at(out.size()) {}
  ~StringCursor() { finish(); }
  // Room for `n` more bytes at the returned pointer; write, then advance().
  char* room(size_t n) {
    if (m_at + n > m_out.size()) m_out.resize(m_at + n + 512);
    return m_out.data() + m_at;
  }
  void advance(const char* end) { m_at = static_cast<size_t>(end - m_out.data()); }
  void put(std::string_view s) { advance(std::copy(s.begin(), s.end(), room(s.size()))); }
  // Cuts the string back to what was written, so others may append to it; resume() then
  // continues after what they appended.
  void finish() { m_out.resize(m_at); }
  void resume() { m_at = m_out.size(); }

 private:
  std::string& m_out;
  size_t m_at;
};

void emit_glyph_run(Ops& ops, const layout::GlyphRun& run, const ContentResources& res,
                    TextState& state) {
  if (run.glyphs.empty()) return;
  std::string& out = ops.out();
  if (!state.fill || !(*state.fill == run.color)) {
    append_number(out, run.color.r, 3);
    out += ' ';
    append_number(out, run.color.g, 3);
    out += ' ';
    append_number(out, run.color.b, 3);
    out += " rg\n";
    state.fill = run.color;
  }
  out += "BT\n";
  if (!state.font || *state.font != run.font || state.size != run.size) {
    out += '/';
    out += res.font_name(run.font);
    out += ' ';
    append_number(out, run.size, 3);
    out += " Tf\n";
    state.font = run.font;
    state.size = run.size;
  }
  ops.num(run.origin.x).y(run.origin.y).op("Td");
  // TJ positions: after a glyph the pen moves by its width; any difference to where the
  // layout put the next glyph becomes a TJ adjustment in thousandths of an em (§9.4.3).
  // Glyphs between two adjustments share one string.
  const std::vector<double>& widths = res.glyph_widths(run.font);
  double pen = 0;
  double rise = 0;
  bool in_string = false;
  std::string number;
  out += '[';
  {
    StringCursor cursor(out);
    for (const layout::PlacedGlyph& g : run.glyphs) {
      if (g.y_offset != rise) {
        // A rise is rare (superscripts): its operators go through Ops.
        if (in_string) cursor.put(")");
        in_string = false;
        cursor.finish();
        out += "] TJ ";
        rise = g.y_offset;
        ops.num(rise).op("Ts");
        out += '[';
        cursor.resume();
      }
      const double adjust = (pen - g.x) * 1000.0 / run.size;
      if (std::fabs(adjust) > 0.01) {
        if (in_string) cursor.put(")");
        in_string = false;
        number.clear();
        append_number(number, adjust, 2);
        cursor.put(number);
      }
      char* p = cursor.room(5);
      if (!in_string) *p++ = '(';
      in_string = true;
      cursor.advance(put_glyph_code(p, g.glyph_id));
      const double width = g.glyph_id < widths.size() ? widths[g.glyph_id] : 0.0;
      pen = g.x + width * run.size / 1000.0;
    }
    if (in_string) cursor.put(")");
  }
  out += "] TJ\n";
  if (rise != 0) ops.num(0).op("Ts");
  out += "ET\n";
}

void emit_shape(Ops& ops, const layout::Shape& s) {
  if (!s.fill && !s.stroke) return;
  ops.op("q");
  if (s.fill) ops.color(*s.fill, false);
  if (s.stroke) {
    ops.color(*s.stroke, true);
    ops.num(s.line_width).op("w");
    if (s.dashed) ops.out() += "[2 2] 0 d\n";
  }
  const Rect& r = s.rect;
  switch (s.kind) {
    case layout::Shape::Kind::Rect:
      ops.num(r.x).y(r.y + r.height).num(r.width).num(r.height).op("re");
      break;
    case layout::Shape::Kind::Line:
      ops.num(r.x).y(r.y).op("m");
      ops.num(r.x + r.width).y(r.y + r.height).op("l");
      break;
    case layout::Shape::Kind::Ellipse: {
      // Four Bézier arcs; kappa = 4(√2−1)/3 approximates a quarter circle.
      const double k = 0.5522847498;
      double cx = r.x + r.width / 2, cy = r.y + r.height / 2;
      double rx = r.width / 2, ry = r.height / 2;
      ops.num(cx + rx).y(cy).op("m");
      ops.num(cx + rx).y(cy - k * ry).num(cx + k * rx).y(cy - ry).num(cx).y(cy - ry).op("c");
      ops.num(cx - k * rx).y(cy - ry).num(cx - rx).y(cy - k * ry).num(cx - rx).y(cy).op("c");
      ops.num(cx - rx).y(cy + k * ry).num(cx - k * rx).y(cy + ry).num(cx).y(cy + ry).op("c");
      ops.num(cx + k * rx).y(cy + ry).num(cx + rx).y(cy + k * ry).num(cx + rx).y(cy).op("c");
      break;
    }
    case layout::Shape::Kind::Polygon:
      for (size_t i = 0; i < s.points.size(); ++i)
        ops.num(s.points[i].x).y(s.points[i].y).op(i == 0 ? "m" : "l");
      ops.op("h");
      break;
  }
  if (s.kind == layout::Shape::Kind::Line)
    ops.op("S");
  else if (s.fill && s.stroke)
    ops.op("B");
  else if (s.fill)
    ops.op("f");
  else
    ops.op("S");
  ops.op("Q");
}

// Writes a module coordinate (0 … 177, version 40 being the largest symbol).
char* put_module_count(char* p, int v) {
  if (v < 0 || v > 999) return std::to_chars(p, p + 12, v).ptr;
  if (v >= 100) *p++ = static_cast<char>('0' + v / 100);
  if (v >= 10) *p++ = static_cast<char>('0' + v / 10 % 10);
  *p++ = static_cast<char>('0' + v % 10);
  return p;
}

// "x y w h re" in module units, in one append: a symbol has hundreds of them.
void append_module_rect(std::string& out, int x, int y, int w, int h) {
  char line[64];
  char* p = line;
  for (int v : {x, y, w, h}) {
    p = put_module_count(p, v);
    *p++ = ' ';
  }
  *p++ = 'r';
  *p++ = 'e';
  *p++ = '\n';
  out.append(line, p);
}

// The QR symbol in its own coordinate system, one unit a module, rows counted down from the
// top: a `cm` maps it onto the page once, so every rectangle is four small integers instead
// of four page coordinates, which keeps the stream (and its deflating) a third the size.
// Dark modules are merged into rectangles: each horizontal run is extended down over the rows
// that repeat it exactly, so the finder patterns and other solid areas cost one `re` each.
void emit_qr(Ops& ops, const layout::QrGrid& qr) {
  const int n = qr.modules;
  const int total = n + 2 * qr.quiet_zone;
  if (n <= 0 || total <= 0) return;
  const double module = qr.rect.width / total;
  auto dark = [&](int row, int col) { return qr.dark[static_cast<size_t>(row) * n + col]; };

  ops.op("q");
  // White quiet zone and background, so the code reads on any backdrop.
  ops.num(1).num(1).num(1).op("rg");
  ops.num(qr.rect.x).y(qr.rect.y + qr.rect.height).num(qr.rect.width).num(qr.rect.height);
  ops.op("re").op("f");
  ops.num(0).num(0).num(0).op("rg");
  // x' = module·col + left, y' = −module·row + top: the symbol's top-left module at (0, 0).
  ops.num(module).num(0).num(0).num(-module);
  ops.num(qr.rect.x + qr.quiet_zone * module).y(qr.rect.y + qr.quiet_zone * module).op("cm");

  // Modules still to draw: dark and not yet inside a rectangle.
  std::vector<uint8_t> open(qr.dark.begin(), qr.dark.begin() + static_cast<size_t>(n) * n);
  std::string& out = ops.out();
  for (int row = 0; row < n; ++row) {
    const uint8_t* open_row = open.data() + static_cast<size_t>(row) * n;
    int col = 0;
    while (col < n) {
      if (!open_row[col]) {
        ++col;
        continue;
      }
      const int start = col;
      while (col < n && open_row[col]) ++col;
      const int width = col - start;
      // Rows below that have exactly this run: dark over it, light (or the edge) either side.
      auto same_run = [&](int r) {
        if (start > 0 && dark(r, start - 1)) return false;
        if (col < n && dark(r, col)) return false;
        const uint8_t* o = open.data() + static_cast<size_t>(r) * n;
        for (int c = start; c < col; ++c)
          if (!o[c]) return false;
        return true;
      };
      int height = 1;
      while (row + height < n && same_run(row + height)) {
        std::fill_n(open.data() + static_cast<size_t>(row + height) * n + start, width, 0);
        ++height;
      }
      // In the flipped system (col, row, width, height) covers rows row … row + height − 1.
      append_module_rect(out, start, row, width, height);
    }
  }
  ops.op("f").op("Q");
}

}  // namespace

std::string build_content_stream(const layout::PageFrame& page, const ContentResources& res) {
  Ops ops(page.size.height);
  TextState text_state;
  // Room for the usual page at once: about 12 bytes a glyph, 4 a QR module, 100 an item.
  size_t estimate = 256;
  for (const layout::FrameItem& item : page.items) {
    estimate += 100;
    if (const auto* run = std::get_if<layout::GlyphRun>(&item)) estimate += 12 * run->glyphs.size();
    if (const auto* qr = std::get_if<layout::QrGrid>(&item)) estimate += 4 * qr->dark.size();
  }
  ops.out().reserve(estimate);
  size_t image_index = 0;
  for (const layout::FrameItem& item : page.items) {
    if (auto* run = std::get_if<layout::GlyphRun>(&item)) {
      emit_glyph_run(ops, *run, res, text_state);
    } else if (auto* shape = std::get_if<layout::Shape>(&item)) {
      emit_shape(ops, *shape);
    } else if (auto* image = std::get_if<layout::Image>(&item)) {
      const Rect& r = image->rect;
      ops.op("q");
      ops.num(r.width).num(0).num(0).num(r.height).num(r.x).y(r.y + r.height).op("cm");
      ops.out() += "/" + res.image_name(image_index++) + " Do\n";
      ops.op("Q");
    } else if (auto* qr = std::get_if<layout::QrGrid>(&item)) {
      emit_qr(ops, *qr);
    }
  }
  return std::move(ops.out());
}

}  // namespace absah::pdf
