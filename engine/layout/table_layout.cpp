// Tables: column widths (fixed, then proportional shares of what is left), an optional group
// header row spanning consecutive columns, one block per body row so pagination can break
// between rows, and the header block marked so that it is repeated on each new page.

#include "engine/layout/node_layouter.h"

namespace absah::layout {

namespace {

Shape cell_border(const Rect& r, double width) {
  Shape s;
  s.rect = r;
  s.stroke = Color{0, 0, 0};
  s.line_width = width;
  return s;
}

}  // namespace

Status NodeLayouter::table_node(const Node& n, const Scope& scope, double width,
                                std::vector<Block>& out) {
  const size_t cols = n.columns.size();
  std::vector<double> widths(cols, 0);
  double fixed = 0, weights = 0;
  for (const auto& c : n.columns) {
    if (c.fixed_width > 0)
      fixed += c.fixed_width;
    else
      weights += c.weight;
  }
  if (fixed > width + 0.01)
    return Error(ErrorCode::LayoutInvalid, n.src, "fixed column widths exceed the table width");
  for (size_t i = 0; i < cols; ++i) {
    const auto& c = n.columns[i];
    widths[i] = c.fixed_width > 0 ? c.fixed_width
                                  : (weights > 0 ? (width - fixed) * c.weight / weights : 0);
  }
  std::vector<double> xs(cols, 0);
  for (size_t i = 1; i < cols; ++i) xs[i] = xs[i - 1] + widths[i - 1];
  const double pad = n.cell_padding;
  const int table_id = m_next_table++;

  auto set_cell = [&](const TextTemplate& t, const TextStyle& style, Align align, double w,
                      const Scope& s) {
    TextStyle cs = style;
    cs.align = align;
    return text_in_box(t, cs, s, w - 2 * pad, 0, Wrap::Always, n.src);
  };

  // Header: group row (if any column has a group) over the column headers.
  bool grouped = false;
  for (const auto& c : n.columns) grouped |= !c.group.empty();
  Block header;
  header.table = table_id;
  header.table_header = true;
  header.keep_with_next = true;
  header.src = n.src;
  std::vector<BoxText> head_cells;
  double head_h = 0;
  for (size_t i = 0; i < cols; ++i) {
    auto set = set_cell(n.columns[i].header, n.header_style, Align::Center, widths[i], scope);
    if (!set) return set.take_error();
    head_h = std::max(head_h, set->height + 2 * pad);
    head_cells.push_back(std::move(*set));
  }
  double group_h = 0;
  std::vector<std::pair<size_t, size_t>> groups;  // [begin, end) of grouped columns
  if (grouped) {
    for (size_t i = 0; i < cols;) {
      size_t j = i + 1;
      if (!n.columns[i].group.empty())
        while (j < cols && n.columns[j].group == n.columns[i].group) ++j;
      if (!n.columns[i].group.empty()) groups.emplace_back(i, j);
      i = j;
    }
    for (auto [b, e] : groups) {
      double w = xs[e - 1] + widths[e - 1] - xs[b];
      auto t = TextTemplate::parse(n.columns[b].group, n.src);
      if (!t) return t.take_error();
      auto set = set_cell(*t, n.header_style, Align::Center, w, scope);
      if (!set) return set.take_error();
      group_h = std::max(group_h, set->height + 2 * pad);
      Shape fill = cell_border({xs[b], 0, w, group_h}, n.border_width);
      fill.fill = n.header_fill;
      header.items.push_back(fill);
      set->place(header.items, xs[b] + pad, pad);
    }
  }
  for (size_t i = 0; i < cols; ++i) {
    bool in_group = !n.columns[i].group.empty();
    double top = in_group ? group_h : 0;
    double h = in_group ? head_h : head_h + group_h;
    Shape fill = cell_border({xs[i], top, widths[i], h}, n.border_width);
    fill.fill = n.header_fill;
    header.items.push_back(fill);
    // Vertically centred in its cell.
    double dy = top + (h - head_cells[i].height) / 2;
    head_cells[i].place(header.items, xs[i] + pad, dy);
  }
  header.height = head_h + group_h;
  out.push_back(std::move(header));

  // Body rows.
  const nlohmann::json* rows = scope.lookup(n.rows_path);
  static const nlohmann::json kEmpty = nlohmann::json::array();
  if (!rows || !rows->is_array()) rows = &kEmpty;
  int count = std::max<int>(static_cast<int>(rows->size()), n.min_rows);
  static const nlohmann::json kBlankRow = nlohmann::json::object();
  for (int r = 0; r < count; ++r) {
    bool blank = r >= static_cast<int>(rows->size());
    Scope row_scope = scope.with_row(blank ? kBlankRow : (*rows)[r], r + 1);
    Block row;
    row.table = table_id;
    row.src = n.src;
    std::vector<BoxText> cells;
    double h = n.style.size * n.style.line_height + 2 * pad;
    for (size_t i = 0; i < cols; ++i) {
      if (blank) {
        cells.emplace_back();
        continue;
      }
      auto set = set_cell(n.columns[i].value, n.style, n.columns[i].align, widths[i], row_scope);
      if (!set) {
        Error e = set.take_error();
        if (!e.path.empty()) e.path = n.rows_path + "[" + std::to_string(r) + "]." + e.path;
        return e;
      }
      h = std::max(h, set->height + 2 * pad);
      cells.push_back(std::move(*set));
    }
    for (size_t i = 0; i < cols; ++i) {
      row.items.push_back(cell_border({xs[i], 0, widths[i], h}, n.border_width));
      cells[i].place(row.items, xs[i] + pad, pad);
    }
    row.height = h;
    out.push_back(std::move(row));
  }
  return ok_status();
}

}  // namespace absah::layout
