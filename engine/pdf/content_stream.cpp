#include "engine/pdf/content_stream.h"

#include <algorithm>
#include <charconv>
#include <cmath>
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

// A glyph's two-byte code (Identity-H) as it goes inside a literal string: half the bytes of
// the hex form for the content stream to build and deflate. The delimiters and the backslash
// are escaped, and CR and LF too, since a reader turns an unescaped end of line into LF
// (ISO 32000-1 §7.3.4.2).
bool needs_escape(char b) {
  return b == '(' || b == ')' || b == '\\' || b == '\r' || b == '\n';
}

void append_glyph_code(std::string& out, uint32_t gid) {
  const char bytes[2] = {static_cast<char>((gid >> 8) & 0xFF), static_cast<char>(gid & 0xFF)};
  if (!needs_escape(bytes[0]) && !needs_escape(bytes[1])) {
    out.append(bytes, 2);
    return;
  }
  for (char b : bytes) {
    switch (b) {
      case '(':
      case ')':
      case '\\':
        out += '\\';
        out += b;
        break;
      case '\r':
        out += "\\r";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += b;
    }
  }
}

// The fill colour and the font last set at the top level of the page. Both belong to the
// graphics state, which BT/ET leave alone and every other item brackets with q/Q, so a run
// that repeats them need not set them again (most of a letter is black text in two fonts).
struct TextState {
  std::string fill;  // the "r g b rg" operation as written
  std::string font;  // the "/F1 10 Tf" operation as written
};

void emit_glyph_run(Ops& ops, const layout::GlyphRun& run, const ContentResources& res,
                    TextState& state) {
  if (run.glyphs.empty()) return;
  std::string& out = ops.out();
  std::string fill;
  append_number(fill, run.color.r, 3);
  fill += ' ';
  append_number(fill, run.color.g, 3);
  fill += ' ';
  append_number(fill, run.color.b, 3);
  fill += " rg\n";
  if (fill != state.fill) {
    out += fill;
    state.fill = std::move(fill);
  }
  out += "BT\n";
  std::string font = "/" + res.font_name(run.font) + ' ';
  append_number(font, run.size, 3);
  font += " Tf\n";
  if (font != state.font) {
    out += font;
    state.font = std::move(font);
  }
  ops.num(run.origin.x).y(run.origin.y).op("Td");
  // TJ positions: after a glyph the pen moves by its width; any difference to where the
  // layout put the next glyph becomes a TJ adjustment in thousandths of an em (§9.4.3).
  // Glyphs between two adjustments share one string.
  const std::vector<double>& widths = res.glyph_widths(run.font);
  double pen = 0;
  double rise = 0;
  bool in_string = false;
  auto close_string = [&] {
    if (in_string) out += ')';
    in_string = false;
  };
  out += '[';
  for (const layout::PlacedGlyph& g : run.glyphs) {
    if (g.y_offset != rise) {
      close_string();
      out += "] TJ ";
      rise = g.y_offset;
      ops.num(rise).op("Ts");
      out += '[';
    }
    double adjust = (pen - g.x) * 1000.0 / run.size;
    if (std::fabs(adjust) > 0.01) {
      close_string();
      append_number(out, adjust, 2);
    }
    if (!in_string) out += '(';
    in_string = true;
    append_glyph_code(out, g.glyph_id);
    const double width = g.glyph_id < widths.size() ? widths[g.glyph_id] : 0.0;
    pen = g.x + width * run.size / 1000.0;
  }
  close_string();
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
