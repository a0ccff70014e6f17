#include "engine/layout/layout.h"

#include <algorithm>
#include <map>

#include "engine/layout/node_layouter.h"

namespace absah::layout {

namespace {

constexpr size_t kMaxPages = 200;

void add_background(PageFrame& page, const PageSpec& spec) {
  if (!spec.background) return;
  Shape bg;
  bg.rect = {0, 0, page.size.width, page.size.height};
  bg.fill = spec.background;
  page.items.push_back(bg);
}

// Boxes placed absolutely on one page must not overlap: text that fits its own box could
// otherwise still run under a photo or the seal. Declared boxes are compared, so the check
// holds for every record.
Status check_no_overlap(const PageSpec& page) {
  const double tolerance = 0.3;  // points: boxes may touch
  for (size_t i = 0; i < page.children.size(); ++i) {
    const Node& a = page.children[i];
    if (!a.at) continue;
    for (size_t j = i + 1; j < page.children.size(); ++j) {
      const Node& b = page.children[j];
      if (!b.at) continue;
      // Alternatives (one shown `when` a field is present, the other `unless`) never meet.
      if ((!a.when.empty() && a.when == b.unless) || (!a.unless.empty() && a.unless == b.when))
        continue;
      const Rect& r = *a.at;
      const Rect& q = *b.at;
      bool apart = r.right() <= q.x + tolerance || q.right() <= r.x + tolerance ||
                   r.bottom() <= q.y + tolerance || q.bottom() <= r.y + tolerance;
      if (!apart)
        return Error(ErrorCode::LayoutInvalid, a.src,
                     "its box overlaps the box of " + b.src + " on the " + page.name + " page");
    }
  }
  return ok_status();
}

Result<std::vector<PageFrame>> layout_fixed(const LayoutSpec& spec, NodeLayouter& layouter,
                                            const Scope& scope) {
  std::vector<PageFrame> pages;
  for (const PageSpec& ps : spec.pages) {
    ABSAH_TRY_STATUS(check_no_overlap(ps));
    PageFrame page;
    page.size = ps.size;
    add_background(page, ps);
    const double content_w = ps.size.width - ps.margin.left - ps.margin.right;
    double y = ps.margin.top;
    for (const Node& node : ps.children) {
      if (node.at) {
        // Absolute placement (cards): the node must fit its box; text shrinks, then wraps,
        // then fails naming the field.
        const Rect& at = *node.at;
        auto block = layouter.layout_one(node, scope, at.width, at.height);
        if (!block) return block.take_error();
        if (at.height > 0 && block->height > at.height + 0.01)
          return Error(ErrorCode::TextOverflow, node.src,
                       "content is " + std::to_string(to_mm(block->height)).substr(0, 5) +
                           " mm tall in a box of " + std::to_string(to_mm(at.height)).substr(0, 5) +
                           " mm");
        append_translated(page.items, std::move(block->items), at.x, at.y);
      } else {
        auto block = layouter.layout_one(node, scope, content_w, 0);
        if (!block) return block.take_error();
        append_translated(page.items, std::move(block->items), ps.margin.left, y);
        y += block->height;
      }
    }
    if (y > ps.size.height - ps.margin.bottom + 0.01)
      return Error(ErrorCode::TextOverflow, spec.source_path + ": " + ps.name,
                   "content runs past the bottom margin of the " + ps.name + " page");
    pages.push_back(std::move(page));
  }
  return pages;
}

Result<std::vector<PageFrame>> layout_flow(const LayoutSpec& spec, NodeLayouter& layouter,
                                           const Scope& scope, const nlohmann::json& doc,
                                           const LayoutInputs& inputs) {
  const PageSpec& ps = spec.pages.front();
  const double content_w = ps.size.width - ps.margin.left - ps.margin.right;

  // Footer height is measured once with placeholder page numbers (they do not change height).
  double footer_h = 0;
  if (!spec.footer.empty()) {
    nlohmann::json probe = doc;
    probe["page"] = 1;
    probe["pages"] = 1;
    Scope fs(*inputs.record, *inputs.office, probe);
    std::vector<Block> fb;
    ABSAH_TRY_STATUS(layouter.layout_list(spec.footer, fs, content_w, fb));
    footer_h = merge_blocks(fb).height;
  }
  const double top = ps.margin.top;
  const double bottom = ps.size.height - ps.margin.bottom - footer_h;
  const double capacity = bottom - top;

  std::vector<Block> blocks;
  ABSAH_TRY_STATUS(layouter.layout_list(ps.children, scope, content_w, blocks));

  std::map<int, const Block*> headers;
  for (const Block& b : blocks)
    if (b.table_header) headers[b.table] = &b;

  std::vector<PageFrame> pages;
  auto new_page = [&]() {
    PageFrame p;
    p.size = ps.size;
    add_background(p, ps);
    pages.push_back(std::move(p));
  };
  new_page();
  // Room on the first page for every item of a one-page document, so that stacking blocks onto
  // it never moves the items already there; later pages grow as they need.
  constexpr size_t kMaxFirstPageReserve = 4096;
  size_t items = 0;
  for (const Block& b : blocks) items += b.items.size();
  pages.back().items.reserve(pages.back().items.size() + std::min(items, kMaxFirstPageReserve) +
                             16);
  double y = top;
  for (size_t i = 0; i < blocks.size(); ++i) {
    Block& b = blocks[i];
    if (b.page_break) {
      new_page();
      y = top;
      continue;
    }
    if (b.height > capacity + 0.01)
      return Error(ErrorCode::TextOverflow, b.src, "a block is taller than a whole page");
    // Keep-with-next chains (headings, table headers) move with the block that follows.
    double needed = b.height;
    for (size_t j = i; j < blocks.size() && blocks[j].keep_with_next && j + 1 < blocks.size(); ++j)
      needed += blocks[j + 1].height;
    needed = std::min(needed, capacity);
    bool at_top = y <= top + 0.01;
    if (y + needed > bottom + 0.01 && !at_top) {
      if (pages.size() >= kMaxPages)
        return Error(ErrorCode::TextOverflow, b.src,
                     "document would exceed " + std::to_string(kMaxPages) + " pages");
      new_page();
      y = top;
      // A table continuing on a new page repeats its header.
      if (b.table >= 0 && !b.table_header && headers.count(b.table)) {
        const Block& h = *headers[b.table];
        append_translated(pages.back().items, h.items, ps.margin.left, y);
        y += h.height;
      }
    }
    if (b.table_header)  // kept whole: repeated on the pages the table continues on
      append_translated(pages.back().items, b.items, ps.margin.left, y);
    else
      append_translated(pages.back().items, std::move(b.items), ps.margin.left, y);
    y += b.height;
  }

  if (!spec.footer.empty()) {
    for (size_t p = 0; p < pages.size(); ++p) {
      nlohmann::json page_doc = doc;
      page_doc["page"] = p + 1;
      page_doc["pages"] = pages.size();
      Scope fs(*inputs.record, *inputs.office, page_doc);
      std::vector<Block> fb;
      ABSAH_TRY_STATUS(layouter.layout_list(spec.footer, fs, content_w, fb));
      append_translated(pages[p].items, merge_blocks(std::move(fb)).items, ps.margin.left, bottom);
    }
  }
  return pages;
}

}  // namespace

Result<LayoutResult> layout_document(const LayoutSpec& spec, const text::FontBook& fonts,
                                     const LayoutInputs& inputs) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  LayoutInputs in = inputs;
  if (!in.record) in.record = &kEmpty;
  if (!in.office) in.office = &kEmpty;
  if (!in.doc) in.doc = &kEmpty;
  LayoutResult result;
  NodeLayouter layouter(fonts, in, result.warnings);
  Scope scope(*in.record, *in.office, *in.doc);
  auto pages = spec.mode == PageMode::Fixed ? layout_fixed(spec, layouter, scope)
                                            : layout_flow(spec, layouter, scope, *in.doc, in);
  if (!pages) return pages.take_error();
  result.frames.pages = std::move(*pages);
  result.frames.title = spec.title;
  return result;
}

}  // namespace absah::layout
