#pragma once
// A block is a laid-out piece of a flow: its height and its items relative to its top-left
// corner. Pagination moves whole blocks; tables give one block per row so that they can break
// between rows, with their header block repeated on the next page.

#include <vector>

#include "engine/layout/frame.h"

namespace absah::layout {

struct Block {
  double height = 0;
  std::vector<FrameItem> items;
  bool keep_with_next = false;
  bool page_break = false;
  int table = -1;  // id of the table this block belongs to
  bool table_header = false;
  std::string src;  // layout path, for errors
};

void translate(FrameItem& item, double dx, double dy);
void append_translated(std::vector<FrameItem>& out, std::vector<FrameItem>&& items, double dx,
                       double dy);
void append_translated(std::vector<FrameItem>& out, const std::vector<FrameItem>& items, double dx,
                       double dy);

// Stacks blocks into one (for rows, boxes and fixed pages, which do not break).
Block merge_blocks(const std::vector<Block>& blocks);
Block merge_blocks(std::vector<Block>&& blocks);

}  // namespace absah::layout
