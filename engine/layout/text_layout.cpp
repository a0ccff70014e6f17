#include "engine/layout/text_layout.h"

#include <cmath>

#include "engine/model/indonesian.h"
#include "engine/text/shaper.h"

namespace absah::layout {

namespace {

struct Line {
  size_t begin = 0;  // glyph index
  size_t end = 0;    // one past the last glyph drawn (trailing spaces excluded)
  double width = 0;  // em at size 1 plus letter spacing in points / size
  int spaces = 0;    // inner spaces, for justification
};

bool is_space(const text::ShapedText& s, size_t i) {
  uint32_t c = s.glyphs[i].cluster;
  return c < s.text.size() && s.text[c] == ' ';
}

bool breaks_after(const text::ShapedText& s, size_t i) {
  uint32_t c = s.glyphs[i].cluster;
  if (c >= s.text.size() || (s.text[c] != '-' && s.text[c] != '/')) return false;
  // Not inside numbers: "002/005" (RT/RW) and "5271-LU-..." stay whole.
  bool digit_before = c > 0 && s.text[c - 1] >= '0' && s.text[c - 1] <= '9';
  bool digit_after = c + 1 < s.text.size() && s.text[c + 1] >= '0' && s.text[c + 1] <= '9';
  return !(digit_before || digit_after);
}

// Greedy first-fit line breaking at spaces and after hyphens and slashes. Returns false when a
// single word is wider than the line.
bool break_lines(const text::ShapedText& s, double size, double spacing, double width,
                 std::vector<Line>& out) {
  out.clear();
  const size_t n = s.glyphs.size();
  size_t i = 0;
  auto advance = [&](size_t g) { return s.glyphs[g].x_advance * size + spacing; };
  while (i < n) {
    while (i < n && is_space(s, i)) ++i;  // a line never starts with a space
    if (i >= n) break;
    Line line;
    line.begin = i;
    double pen = 0;
    size_t last_break_end = 0;  // glyph index where the line could end
    double width_at_break = 0;
    int spaces_at_break = 0;
    int spaces = 0;
    size_t j = i;
    for (; j < n; ++j) {
      bool space = is_space(s, j);
      if (space) {
        if (j > line.begin && !is_space(s, j - 1)) {
          last_break_end = j;
          width_at_break = pen;
          spaces_at_break = spaces;
        }
        ++spaces;
      }
      double next = pen + advance(j);
      if (!space && next > width + 1e-6) break;
      pen = next;
      if (!space && breaks_after(s, j)) {
        last_break_end = j + 1;
        width_at_break = pen;
        spaces_at_break = spaces;
      }
    }
    if (j >= n) {
      size_t end = n;
      while (end > line.begin && is_space(s, end - 1)) --end;
      double w = 0;
      int sp = 0;
      for (size_t k = line.begin; k < end; ++k) {
        w += advance(k);
        sp += is_space(s, k) ? 1 : 0;
      }
      line.end = end;
      line.width = w;
      line.spaces = sp;
      out.push_back(line);
      break;
    }
    if (last_break_end == 0) return false;  // one word wider than the line
    line.end = last_break_end;
    line.width = width_at_break;
    // spaces counted before the break point, minus a trailing one
    int sp = 0;
    for (size_t k = line.begin; k < line.end; ++k) sp += is_space(s, k) ? 1 : 0;
    line.spaces = sp;
    (void)spaces_at_break;
    out.push_back(line);
    i = last_break_end;
  }
  if (out.empty()) out.push_back(Line{});
  return true;
}

double ascent_ratio(const text::FontBook& book, text::FontId id) {
  auto face = book.face(id);
  if (!face) return 0.8;
  const auto& m = (*face)->metrics();
  double total = m.ascender - m.descender;
  return total > 0 ? m.ascender / total : 0.8;
}

}  // namespace

Result<double> measure_text(const text::FontBook& book, const std::string& text,
                            const TextStyle& style) {
  auto font = book.find(style.family, style.bold ? text::Weight::Bold : text::Weight::Regular,
                        style.italic ? text::Slant::Italic : text::Slant::Upright);
  if (!font) return font.take_error();
  std::string t = style.upper ? model::to_upper_id(text) : text;
  auto shaped = text::shape_text_shared(book, *font, t);
  if (!shaped) return shaped.take_error();
  return (*shaped)->advance() * style.size + style.letter_spacing * (*shaped)->glyphs.size();
}

Result<SetText> set_text(const text::FontBook& book, const TextRequest& req) {
  const TextStyle& st = req.style;
  auto font = book.find(st.family, st.bold ? text::Weight::Bold : text::Weight::Regular,
                        st.italic ? text::Slant::Italic : text::Slant::Upright);
  if (!font) return font.take_error();
  std::string content = st.upper ? model::to_upper_id(req.text) : req.text;
  auto shaped_r = text::shape_text_shared(book, *font, content);
  if (!shaped_r) {
    Error e = shaped_r.take_error();
    e.path = req.field;
    return e;
  }
  const text::ShapedText& shaped = **shaped_r;
  // Runs point into the shaped text for their glyphs' source text, keeping it alive.
  const std::shared_ptr<const std::string> source(*shaped_r, &shaped.text);

  const double floor = std::min(st.floor_size(), st.size);
  const int max_lines = req.wrap == Wrap::None ? 1 : st.max_lines;
  std::vector<Line> lines;
  double chosen = 0;
  bool fitted = false;

  auto height_for = [&](double size, size_t count) { return size * st.line_height * count; };
  auto fits_height = [&](double size, size_t count) {
    return req.max_height <= 0 || height_for(size, count) <= req.max_height + 1e-6;
  };

  // 1. One line, shrinking down to the floor (not for text that is meant to wrap).
  if (req.wrap != Wrap::Always) {
    for (double size = st.size; size >= floor - 1e-9; size -= 0.25) {
      double w = shaped.advance() * size + st.letter_spacing * shaped.glyphs.size();
      if (w <= req.width + 1e-6 && fits_height(size, 1)) {
        break_lines(shaped, size, st.letter_spacing, 1e12, lines);
        chosen = size;
        fitted = true;
        break;
      }
    }
  }
  // 2. Wrapped, as large as possible.
  if (!fitted && req.wrap != Wrap::None) {
    for (double size = st.size; size >= floor - 1e-9; size -= 0.25) {
      if (!break_lines(shaped, size, st.letter_spacing, req.width, lines)) continue;
      if (max_lines > 0 && static_cast<int>(lines.size()) > max_lines) continue;
      if (!fits_height(size, lines.size())) continue;
      chosen = size;
      fitted = true;
      break;
    }
  }
  if (!fitted) {
    std::string why =
        req.wrap == Wrap::None || max_lines == 1
            ? "does not fit on one line"
            : "does not fit in " + (max_lines > 0 ? std::to_string(max_lines) + " lines"
                                                  : std::string("the space available"));
    char buf[96];
    std::snprintf(buf, sizeof buf, " of %.1f mm even at %.2g pt", req.width * 25.4 / 72, floor);
    return Error(ErrorCode::TextOverflow, req.field,
                 "text \"" + (content.size() > 60 ? content.substr(0, 57) + "..." : content) +
                     "\" " + why + buf);
  }

  SetText out;
  out.used_size = chosen;
  out.shrunk = chosen < st.size - 1e-9;
  out.lines = static_cast<int>(lines.size());
  const double leading = chosen * st.line_height;
  out.height = leading * lines.size();
  const double baseline0 = (leading - chosen) / 2 + chosen * ascent_ratio(book, *font);

  for (size_t li = 0; li < lines.size(); ++li) {
    const Line& line = lines[li];
    double line_width = line.width;
    out.width = std::max(out.width, line_width);
    double x0 = 0;
    double extra_per_space = 0;
    bool last = li + 1 == lines.size();
    switch (st.align) {
      case Align::Left:
        break;
      case Align::Center:
        x0 = (req.width - line_width) / 2;
        break;
      case Align::Right:
        x0 = req.width - line_width;
        break;
      case Align::Justify:
        if (!last && line.spaces > 0) extra_per_space = (req.width - line_width) / line.spaces;
        break;
    }
    const double baseline = baseline0 + li * leading;
    GlyphRun run;
    double pen = x0;
    auto flush = [&]() {
      if (!run.glyphs.empty()) {
        run.width = pen - run.origin.x;
        // Glyph positions were absolute within the box; make them relative to the run.
        for (auto& g : run.glyphs) g.x -= run.origin.x;
        out.items.push_back(std::move(run));
      }
      run = GlyphRun{};
    };
    for (size_t g = line.begin; g < line.end; ++g) {
      const text::ShapedGlyph& sg = shaped.glyphs[g];
      if (run.glyphs.empty() || run.font != sg.font) {
        flush();
        run.font = sg.font;
        run.size = chosen;
        run.color = st.color;
        run.origin = {pen, baseline};
        run.text = source;
        run.glyphs.reserve(line.end - g);
      }
      PlacedGlyph pg;
      pg.glyph_id = sg.glyph_id;
      pg.x = pen + sg.x_offset * chosen;
      pg.y_offset = sg.y_offset * chosen;
      // The text of the cluster, attached to its first glyph (ToUnicode).
      if (g == line.begin || shaped.glyphs[g - 1].cluster != sg.cluster) {
        uint32_t start = sg.cluster;
        uint32_t end = static_cast<uint32_t>(shaped.text.size());
        for (size_t k = g + 1; k < shaped.glyphs.size(); ++k)
          if (shaped.glyphs[k].cluster != sg.cluster) {
            end = shaped.glyphs[k].cluster;
            break;
          }
        if (end > start) {
          pg.text_begin = start;
          pg.text_size = end - start;
        }
      }
      run.glyphs.push_back(std::move(pg));
      pen += sg.x_advance * chosen + st.letter_spacing;
      if (is_space(shaped, g)) pen += extra_per_space;
    }
    flush();
    if (st.underline && line.end > line.begin) {
      Shape u;
      u.kind = Shape::Kind::Line;
      double y = baseline + chosen * 0.12;
      u.rect = {x0, y, line_width + (last ? 0 : extra_per_space * line.spaces), 0};
      u.stroke = st.color;
      u.line_width = std::max(0.4, chosen * 0.05);
      out.items.push_back(u);
    }
  }
  return out;
}

}  // namespace absah::layout
