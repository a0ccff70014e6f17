#include "engine/layout/node_layouter.h"

#include <cmath>

#include "engine/layout/constant_text.h"

namespace absah::layout {

bool NodeLayouter::visible(const Node& node, const Scope& scope) const {
  if (!node.when.empty() && !scope.present(node.when)) return false;
  if (!node.unless.empty() && scope.present(node.unless)) return false;
  return true;
}

Result<BoxText> NodeLayouter::text_in_box(const TextTemplate& tmpl, const TextStyle& style,
                                          const Scope& scope, double width, double max_height,
                                          Wrap wrap, const std::string& src) {
  auto expanded = tmpl.expand(scope);
  if (!expanded) return expanded.take_error();
  const std::string& field = tmpl.primary_field();
  return set_in_box(std::move(*expanded), field.empty() ? src : field, tmpl.record_independent(),
                    style, width, max_height, wrap);
}

Result<BoxText> NodeLayouter::set_in_box(std::string text, const std::string& field,
                                         bool record_independent, const TextStyle& style,
                                         double width, double max_height, Wrap wrap) {
  TextRequest req;
  req.text = std::move(text);
  req.style = style;
  req.width = width;
  req.max_height = max_height;
  req.wrap = wrap;
  req.field = field;
  BoxText box;
  if (record_independent) {
    auto shared = set_constant_text(m_fonts, req);
    if (!shared) return shared.take_error();
    box = BoxText(std::move(*shared));
  } else {
    auto set = set_text(m_fonts, req);
    if (!set) return set.take_error();
    box = BoxText(std::move(*set));
  }
  if (box.shrunk) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "shrunk from %.2g pt to %.2g pt to fit", style.size,
                  box.used_size);
    m_warnings.push_back(Error(ErrorCode::TextOverflow, req.field, buf));
  }
  return box;
}

Status NodeLayouter::layout_list(const std::vector<Node>& nodes, const Scope& scope, double width,
                                 std::vector<Block>& out) {
  for (const Node& n : nodes) ABSAH_TRY_STATUS(layout(n, scope, width, 0, out));
  return ok_status();
}

Result<Block> NodeLayouter::layout_one(const Node& node, const Scope& scope, double width,
                                       double max_height) {
  std::vector<Block> blocks;
  auto st = layout(node, scope, width, max_height, blocks);
  if (!st) return st.take_error();
  return merge_blocks(std::move(blocks));
}

Status NodeLayouter::layout(const Node& n, const Scope& scope, double width, double max_height,
                            std::vector<Block>& out) {
  if (!visible(n, scope)) return ok_status();
  size_t first = out.size();
  switch (n.kind) {
    case NodeKind::Text:
    case NodeKind::Paragraph:
      ABSAH_TRY_STATUS(text_node(n, scope, width, max_height, out));
      break;
    case NodeKind::Fields:
      ABSAH_TRY_STATUS(fields_node(n, scope, width, max_height, out));
      break;
    case NodeKind::Table:
      ABSAH_TRY_STATUS(table_node(n, scope, width, out));
      break;
    case NodeKind::Image:
      ABSAH_TRY_STATUS(image_node(n, scope, width, out));
      break;
    case NodeKind::Seal:
      ABSAH_TRY_STATUS(seal_node(n, scope, width, out));
      break;
    case NodeKind::Emblem:
      emblem_node(n, width, out);
      break;
    case NodeKind::Row:
      ABSAH_TRY_STATUS(row_node(n, scope, width, out));
      break;
    case NodeKind::Box:
      ABSAH_TRY_STATUS(box_node(n, scope, width, max_height, out));
      break;
    case NodeKind::Stack:
      for (const Node& c : n.children) ABSAH_TRY_STATUS(layout(c, scope, width, 0, out));
      if (n.gap > 0 && out.size() > first + 1)
        for (size_t i = first; i + 1 < out.size(); ++i) out[i].height += n.gap;
      break;
    case NodeKind::Rule: {
      Block b;
      double t = n.thickness;
      Color c = n.stroke.value_or(n.style.color);
      Shape line;
      line.kind = Shape::Kind::Line;
      line.rect = {0, t / 2, width, 0};
      line.stroke = c;
      line.line_width = t;
      b.items.push_back(line);
      b.height = t;
      if (n.double_rule) {
        line.rect.y = t + 1.5;
        line.line_width = t / 3;
        line.rect.y += line.line_width / 2;
        b.items.push_back(line);
        b.height = t + 1.5 + t / 3;
      }
      out.push_back(std::move(b));
      break;
    }
    case NodeKind::Spacer: {
      Block b;
      b.height = n.height;
      out.push_back(std::move(b));
      break;
    }
    case NodeKind::Signature: {
      Block b;
      double w = n.width > 0 ? std::min(n.width, width) : width;
      b.height = n.height;
      b.items.push_back(Anchor{{(width - w) / 2, 0, w, n.height}, "signature"});
      out.push_back(std::move(b));
      break;
    }
    case NodeKind::PageBreak: {
      Block b;
      b.page_break = true;
      out.push_back(std::move(b));
      break;
    }
    case NodeKind::None:
      return Error(ErrorCode::LayoutInvalid, n.src, "node without kind");
  }
  if (out.size() == first) return ok_status();
  // Spacing around the node, and its src for errors.
  if (n.space_before > 0) {
    for (auto& item : out[first].items) translate(item, 0, n.space_before);
    out[first].height += n.space_before;
  }
  if (n.space_after > 0) out.back().height += n.space_after;
  if (n.keep_with_next) out.back().keep_with_next = true;
  for (size_t i = first; i < out.size(); ++i)
    if (out[i].src.empty()) out[i].src = n.src;
  return ok_status();
}

Status NodeLayouter::text_node(const Node& n, const Scope& scope, double width, double max_height,
                               std::vector<Block>& out) {
  Wrap wrap = n.kind == NodeKind::Paragraph ? Wrap::Always
                                            : (n.style.max_lines > 1 ? Wrap::Allowed : Wrap::None);
  TextStyle style = n.style;
  if (n.kind == NodeKind::Text && style.max_lines == 0) style.max_lines = 1;
  auto set = text_in_box(*n.text, style, scope, width, max_height, wrap, n.src);
  if (!set) return set.take_error();
  Block b;
  b.height = set->height;
  set->place(b.items, 0, 0);
  out.push_back(std::move(b));
  return ok_status();
}

Status NodeLayouter::fields_node(const Node& n, const Scope& scope, double width, double max_height,
                                 std::vector<Block>& out) {
  double total = 0;
  std::vector<std::string> wrapped;  // fields whose value took more than one line
  std::string last_field;
  // Columns: [number][indent…][label][ : ][value]. The colon column is the same for every row,
  // so colons align down the block however long the labels are.
  const double colon_w = n.label_style.size * 0.9;
  int counter = 0;
  for (const FieldRow& row : n.rows) {
    if (!row.when.empty() && !scope.present(row.when)) continue;
    if (!row.unless.empty() && scope.present(row.unless)) continue;
    Block b;
    b.src = row.src;
    if (row.heading) {
      auto set = text_in_box(*row.heading, n.heading_style, scope, width, 0, Wrap::Always, row.src);
      if (!set) return set.take_error();
      set->place(b.items, 0, 0);
      b.height = set->height + n.row_gap;
      b.keep_with_next = true;  // never leave a sub-heading alone at the foot of a page
      counter = 0;
      out.push_back(std::move(b));
      continue;
    }
    b.items.reserve(4);  // number, label, colon and value: one run each as a rule
    double x = n.number_width;
    if (n.number_width > 0 && row.numbered && row.indent == 0) {
      ++counter;
      auto set = set_in_box(std::to_string(counter) + ".", row.src, true, n.label_style,
                            n.number_width, 0, Wrap::None);
      if (!set) return set.take_error();
      set->place(b.items, 0, 0);
    }
    // label_width runs from the left edge to the colon, numbers included, so numbered and
    // plain blocks with the same label_width align their colons.
    double indent = row.indent * n.indent_width;
    double label_w = n.label_width - n.number_width - indent;
    double height = 0;
    if (row.label) {
      auto set = text_in_box(*row.label, n.label_style, scope, label_w, 0, Wrap::Allowed, row.src);
      if (!set) return set.take_error();
      set->place(b.items, x + indent, 0);
      height = std::max(height, set->height);
    }
    double colon_x = n.label_width;
    if (row.value) {
      auto cs = set_in_box(":", row.src, true, n.label_style, colon_w, 0, Wrap::None);
      if (!cs) return cs.take_error();
      cs->place(b.items, colon_x, 0);
      double value_x = colon_x + colon_w;
      auto vs =
          text_in_box(*row.value, n.value_style, scope, width - value_x, 0, Wrap::Allowed, row.src);
      if (!vs) return vs.take_error();
      vs->place(b.items, value_x, 0);
      height = std::max({height, vs->height, cs->height});
      last_field = row.value->primary_field();
      if (vs->lines > 1 && !last_field.empty()) wrapped.push_back(last_field);
    }
    b.height = height + n.row_gap;
    total += b.height;
    out.push_back(std::move(b));
    // In a fixed box (cards) the rows must fit; name the values that made them too tall.
    if (max_height > 0 && total - n.row_gap > max_height + 0.01) {
      std::string culprits;
      for (const auto& f : wrapped) culprits += (culprits.empty() ? "" : ", ") + f;
      char buf[128];
      std::snprintf(buf, sizeof buf, "the fields need more than the %.1f mm of their box",
                    to_mm(max_height));
      return Error(
          ErrorCode::TextOverflow, culprits.empty() ? last_field : culprits,
          std::string(buf) + (culprits.empty() ? "" : "; these values wrap and are too long"));
    }
  }
  return ok_status();
}

Status NodeLayouter::row_node(const Node& n, const Scope& scope, double width,
                              std::vector<Block>& out) {
  double total_weight = 0;
  for (double w : n.weights) total_weight += w;
  double free = width - n.gap * (n.children.size() > 0 ? n.children.size() - 1 : 0);
  std::vector<Block> cells;
  std::vector<double> xs;
  double x = 0;
  double height = 0;
  for (size_t i = 0; i < n.children.size(); ++i) {
    double w = total_weight > 0 ? free * n.weights[i] / total_weight : 0;
    auto cell = layout_one(n.children[i], scope, w, 0);
    if (!cell) return cell.take_error();
    height = std::max(height, cell->height);
    cells.push_back(std::move(*cell));
    xs.push_back(x);
    x += w + n.gap;
  }
  Block b;
  for (size_t i = 0; i < cells.size(); ++i) {
    double dy = 0;
    if (n.v_align == Align::Center) dy = (height - cells[i].height) / 2;
    if (n.v_align == Align::Right) dy = height - cells[i].height;
    append_translated(b.items, std::move(cells[i].items), xs[i], dy);
  }
  b.height = height;
  out.push_back(std::move(b));
  return ok_status();
}

Status NodeLayouter::box_node(const Node& n, const Scope& scope, double width, double max_height,
                              std::vector<Block>& out) {
  double inner_w = width - n.padding.left - n.padding.right;
  std::vector<Block> kids;
  for (const Node& c : n.children) ABSAH_TRY_STATUS(layout(c, scope, inner_w, 0, kids));
  if (n.gap > 0)
    for (size_t i = 0; i + 1 < kids.size(); ++i) kids[i].height += n.gap;
  Block inner = merge_blocks(std::move(kids));
  double h = inner.height + n.padding.top + n.padding.bottom;
  if (n.height > 0) {
    if (h > n.height + 0.01)
      return Error(ErrorCode::TextOverflow, n.src,
                   "content is taller than its box (" + std::to_string(int(to_mm(h))) + " mm > " +
                       std::to_string(int(to_mm(n.height))) + " mm)");
    h = n.height;
  }
  if (max_height > 0 && h > max_height + 0.01)
    return Error(ErrorCode::TextOverflow, n.src, "content is taller than the space available");
  Block b;
  b.height = h;
  if (n.fill || n.stroke) {
    Shape s;
    s.rect = {0, 0, width, h};
    s.fill = n.fill;
    s.stroke = n.stroke;
    s.line_width = n.thickness;
    b.items.push_back(s);
  }
  append_translated(b.items, std::move(inner.items), n.padding.left, n.padding.top);
  out.push_back(std::move(b));
  return ok_status();
}

Status NodeLayouter::seal_node(const Node& n, const Scope& scope, double width,
                               std::vector<Block>& out) {
  // The QR sits centred in its block with the caption under it; the whole symbol area is a
  // link to the verification URL, so the seal also works when the PDF is opened on screen.
  // On paper the module size is fixed (0.5 mm survived 150-dpi scans in our measurements,
  // smaller did not) and the symbol grows with the payload; on cards the side is fixed and
  // as large as the card allows. Without a seal the block keeps the size of a version-10
  // symbol (57 modules), the typical seal.
  constexpr int kQuietZone = 4;
  constexpr int kTypicalModules = 57;
  double side = n.width > 0 ? n.width : mm(25);
  if (n.module_size > 0) {
    int modules =
        m_inputs.seal && m_inputs.seal->modules > 0 ? m_inputs.seal->modules : kTypicalModules;
    side = (modules + 2 * kQuietZone) * n.module_size;
  }
  Block b;
  double x = n.style.align == Align::Center  ? (width - side) / 2
             : n.style.align == Align::Right ? width - side
                                             : 0;
  Rect area{x, 0, side, side};
  if (m_inputs.seal && m_inputs.seal->modules > 0) {
    QrGrid qr;
    qr.rect = area;
    qr.modules = m_inputs.seal->modules;
    qr.quiet_zone = kQuietZone;
    qr.dark = m_inputs.seal->dark;
    b.items.push_back(std::move(qr));
    b.items.push_back(Link{area, m_inputs.seal->url});
  } else {
    Shape s;
    s.rect = area;
    s.stroke = Color{0.6, 0.6, 0.6};
    s.dashed = true;
    b.items.push_back(s);
  }
  b.items.push_back(Anchor{area, "seal"});
  b.height = side;
  if (n.caption) {
    TextStyle cs = n.style;
    cs.align = n.style.align;
    auto set = text_in_box(*n.caption, cs, scope, width, 0, Wrap::Always, n.src);
    if (!set) return set.take_error();
    set->place(b.items, 0, side + 1);
    b.height += 1 + set->height;
  }
  out.push_back(std::move(b));
  return ok_status();
}

void NodeLayouter::emblem_node(const Node& n, double width, std::vector<Block>& out) {
  // Our own mark: a double ring around a five-pointed star. Deliberately not the national
  // emblem, which a generated document must not reproduce.
  double side = n.width > 0 ? n.width : mm(18);
  double x = n.style.align == Align::Center  ? (width - side) / 2
             : n.style.align == Align::Right ? width - side
                                             : 0;
  Color ink = n.stroke.value_or(Color{0.55, 0.42, 0.1});
  Block b;
  Shape outer;
  outer.kind = Shape::Kind::Ellipse;
  outer.rect = {x, 0, side, side};
  outer.stroke = ink;
  outer.line_width = side * 0.04;
  b.items.push_back(outer);
  Shape inner = outer;
  double inset = side * 0.1;
  inner.rect = {x + inset, inset, side - 2 * inset, side - 2 * inset};
  inner.line_width = side * 0.015;
  b.items.push_back(inner);
  Shape star;
  star.kind = Shape::Kind::Polygon;
  star.fill = ink;
  double cx = x + side / 2, cy = side / 2;
  double r_out = side * 0.3, r_in = r_out * 0.4;
  for (int i = 0; i < 10; ++i) {
    double r = i % 2 == 0 ? r_out : r_in;
    double a = -M_PI / 2 + i * M_PI / 5;
    star.points.push_back({cx + r * std::cos(a), cy + r * std::sin(a)});
  }
  b.items.push_back(star);
  b.height = side;
  out.push_back(std::move(b));
}

}  // namespace absah::layout
