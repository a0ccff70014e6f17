#pragma once
// Internal: turns nodes into blocks at a given width. One method per node kind; tables live in
// table_layout.cpp, images in image_layout.cpp.

#include <vector>

#include "engine/layout/block.h"
#include "engine/layout/constant_text.h"
#include "engine/layout/layout.h"
#include "engine/layout/scope.h"
#include "engine/layout/text_layout.h"

namespace absah::layout {

class NodeLayouter {
 public:
  NodeLayouter(const text::FontBook& fonts, const LayoutInputs& inputs,
               std::vector<Error>& warnings)
      : m_fonts(fonts), m_inputs(inputs), m_warnings(warnings) {}

  // Appends the node's blocks. `max_height` > 0 bounds a node placed in a fixed box.
  Status layout(const Node& node, const Scope& scope, double width, double max_height,
                std::vector<Block>& out);
  Result<Block> layout_one(const Node& node, const Scope& scope, double width, double max_height);
  Status layout_list(const std::vector<Node>& nodes, const Scope& scope, double width,
                     std::vector<Block>& out);

  Result<BoxText> text_in_box(const TextTemplate& tmpl, const TextStyle& style, const Scope& scope,
                              double width, double max_height, Wrap wrap, const std::string& src);

 private:
  // Sets expanded text; text no record supplies comes from the constant-text memo.
  Result<BoxText> set_in_box(std::string text, const std::string& field, bool record_independent,
                             const TextStyle& style, double width, double max_height, Wrap wrap);
  bool visible(const Node& node, const Scope& scope) const;
  Status text_node(const Node& n, const Scope& scope, double width, double max_height,
                   std::vector<Block>& out);
  Status fields_node(const Node& n, const Scope& scope, double width, double max_height,
                     std::vector<Block>& out);
  Status table_node(const Node& n, const Scope& scope, double width, std::vector<Block>& out);
  Status image_node(const Node& n, const Scope& scope, double width, std::vector<Block>& out);
  Status seal_node(const Node& n, const Scope& scope, double width, std::vector<Block>& out);
  void emblem_node(const Node& n, double width, std::vector<Block>& out);
  Status row_node(const Node& n, const Scope& scope, double width, std::vector<Block>& out);
  Status box_node(const Node& n, const Scope& scope, double width, double max_height,
                  std::vector<Block>& out);

  const text::FontBook& m_fonts;
  const LayoutInputs& m_inputs;
  std::vector<Error>& m_warnings;
  int m_next_table = 0;
};

}  // namespace absah::layout
