#include "engine/layout/block.h"

#include <algorithm>

namespace absah::layout {

void translate(FrameItem& item, double dx, double dy) {
  std::visit(
      [&](auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, GlyphRun>) {
          v.origin.x += dx;
          v.origin.y += dy;
        } else if constexpr (std::is_same_v<T, Shape>) {
          v.rect.x += dx;
          v.rect.y += dy;
          for (auto& p : v.points) {
            p.x += dx;
            p.y += dy;
          }
        } else {
          v.rect.x += dx;
          v.rect.y += dy;
        }
      },
      item);
}

namespace {

// Room for `more` items without giving up geometric growth: reserving the exact size on every
// append would move all items already placed each time a block is stacked onto another.
void make_room(std::vector<FrameItem>& out, size_t more) {
  const size_t needed = out.size() + more;
  if (needed > out.capacity()) out.reserve(std::max(needed, 2 * out.capacity()));
}

}  // namespace

// Moving spares a copy of every glyph of a run at each level a block is nested in; into an
// empty list the items are not moved one by one at all.
void append_translated(std::vector<FrameItem>& out, std::vector<FrameItem>&& items, double dx,
                       double dy) {
  if (out.empty() && out.capacity() < items.size()) {  // a reservation made is kept
    out = std::move(items);
    for (FrameItem& item : out) translate(item, dx, dy);
  } else {
    make_room(out, items.size());
    for (FrameItem& item : items) {
      out.push_back(std::move(item));
      translate(out.back(), dx, dy);
    }
  }
  items.clear();
}

void append_translated(std::vector<FrameItem>& out, const std::vector<FrameItem>& items, double dx,
                       double dy) {
  make_room(out, items.size());
  for (const FrameItem& item : items) {
    out.push_back(item);
    translate(out.back(), dx, dy);
  }
}

namespace {

size_t item_count(const std::vector<Block>& blocks) {
  size_t n = 0;
  for (const Block& b : blocks) n += b.items.size();
  return n;
}

}  // namespace

// Moves the items out of `blocks`, which are left empty.
Block merge_blocks(std::vector<Block>&& blocks) {
  Block merged;
  if (blocks.size() > 1) merged.items.reserve(item_count(blocks));
  for (Block& b : blocks) {
    append_translated(merged.items, std::move(b.items), 0, merged.height);
    merged.height += b.height;
  }
  if (!blocks.empty()) {
    merged.keep_with_next = blocks.back().keep_with_next;
    merged.src = blocks.front().src;
  }
  return merged;
}

Block merge_blocks(const std::vector<Block>& blocks) {
  Block merged;
  merged.items.reserve(item_count(blocks));
  for (const Block& b : blocks) {
    append_translated(merged.items, b.items, 0, merged.height);
    merged.height += b.height;
  }
  if (!blocks.empty()) {
    merged.keep_with_next = blocks.back().keep_with_next;
    merged.src = blocks.front().src;
  }
  return merged;
}

}  // namespace absah::layout
