#include "engine/pdf/content_stream.h"

#include <cmath>
#include <cstdio>

#include "engine/base/number_format.h"

namespace absah::pdf {

namespace {

class Ops {
 public:
  explicit Ops(double page_height) : m_page_height(page_height) {}
  std::string& out() { return m_out; }
  Ops& num(double v) {
    append_decimal(m_out, v, 3);
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

void hex4(std::string& out, uint32_t gid) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04X", gid & 0xFFFF);
  out += buf;
}

void emit_glyph_run(Ops& ops, const layout::GlyphRun& run, const ContentResources& res) {
  if (run.glyphs.empty()) return;
  std::string& out = ops.out();
  ops.color(run.color, false);
  out += "BT\n/" + res.font_name(run.font) + ' ';
  ops.num(run.size).op("Tf");
  ops.num(run.origin.x).y(run.origin.y).op("Td");
  // TJ positions: after a glyph the pen moves by its width; any difference to where the
  // layout put the next glyph becomes a TJ adjustment in thousandths of an em (§9.4.3).
  double pen = 0;
  double rise = 0;
  out += '[';
  for (const layout::PlacedGlyph& g : run.glyphs) {
    if (g.y_offset != rise) {
      out += "] TJ ";
      rise = g.y_offset;
      ops.num(rise).op("Ts");
      out += '[';
    }
    double adjust = (pen - g.x) * 1000.0 / run.size;
    if (std::fabs(adjust) > 0.01) {
      append_decimal(out, adjust, 2);
    }
    out += '<';
    hex4(out, g.glyph_id);
    out += '>';
    pen = g.x + res.glyph_width(run.font, g.glyph_id) * run.size / 1000.0;
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

void emit_qr(Ops& ops, const layout::QrGrid& qr) {
  int total = qr.modules + 2 * qr.quiet_zone;
  if (qr.modules <= 0 || total <= 0) return;
  double module = qr.rect.width / total;
  ops.op("q");
  // White quiet zone and background, so the code reads on any backdrop.
  ops.num(1).num(1).num(1).op("rg");
  ops.num(qr.rect.x)
      .y(qr.rect.y + qr.rect.height)
      .num(qr.rect.width)
      .num(qr.rect.height)
      .op("re")
      .op("f");
  ops.num(0).num(0).num(0).op("rg");
  // Horizontal runs of dark modules merged into one rectangle each, filled at once.
  for (int row = 0; row < qr.modules; ++row) {
    int col = 0;
    while (col < qr.modules) {
      if (!qr.dark[static_cast<size_t>(row) * qr.modules + col]) {
        ++col;
        continue;
      }
      int start = col;
      while (col < qr.modules && qr.dark[static_cast<size_t>(row) * qr.modules + col]) ++col;
      double x = qr.rect.x + (qr.quiet_zone + start) * module;
      double top = qr.rect.y + (qr.quiet_zone + row) * module;
      ops.num(x).y(top + module).num((col - start) * module).num(module).op("re");
    }
  }
  ops.op("f").op("Q");
}

}  // namespace

std::string build_content_stream(const layout::PageFrame& page, const ContentResources& res) {
  Ops ops(page.size.height);
  size_t image_index = 0;
  for (const layout::FrameItem& item : page.items) {
    if (auto* run = std::get_if<layout::GlyphRun>(&item)) {
      emit_glyph_run(ops, *run, res);
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
