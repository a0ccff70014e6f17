#pragma once
// A document type's layout, parsed from layouts/<type>.jsonc: page format, styles, the node
// tree, and the record schema (kept as JSON for the model stage). Nodes are immutable after
// loading and shared by every render of the type.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/geometry.h"
#include "engine/layout/text_style.h"
#include "engine/layout/text_template.h"

namespace absah::layout {

enum class NodeKind : uint8_t {
  None = 0,
  Text,       // one line, shrinks to fit, wraps only if max_lines allows
  Paragraph,  // wraps; align may be justify
  Fields,     // label–value rows with aligned colons
  Table,      // rows from a record array, header repeated on a new page
  Image,      // a photo or signature from the record (base64), or a drawn placeholder
  Rule,       // a horizontal line across the available width
  Box,        // border and/or fill around a stack of children
  Stack,      // children top to bottom
  Row,        // children side by side with proportional widths
  Spacer,     // vertical space
  Seal,       // the reserved QR seal block (anchor "seal")
  Signature,  // the reserved signature widget area (anchor "signature")
  Emblem,     // the office's own vector mark
  PageBreak,
};

struct FieldRow {
  std::optional<TextTemplate> label;
  std::optional<TextTemplate> value;
  std::optional<TextTemplate> heading;  // a sub-heading row spanning the width
  std::string when;
  std::string unless;
  int indent = 0;
  bool numbered = true;
  std::string src;
};

struct TableColumn {
  TextTemplate header;
  TextTemplate value;
  double weight = 1;       // proportional share of the free width
  double fixed_width = 0;  // points; > 0 overrides weight
  Align align = Align::Left;
  std::string group;  // consecutive columns with a group get a spanning header
};

struct Node {
  NodeKind kind = NodeKind::None;
  std::string src;  // layout path for errors: "kk.jsonc: flow[3]"
  std::string when;
  std::string unless;
  TextStyle style;
  double space_before = 0;
  double space_after = 0;
  bool keep_with_next = false;
  std::optional<Rect> at;  // absolute placement inside a fixed page, points

  // Text, Paragraph
  std::optional<TextTemplate> text;

  // Fields
  std::vector<FieldRow> rows;
  double label_width = 0;   // points
  double number_width = 0;  // points; 0 = no numbers
  double indent_width = 0;
  double row_gap = 0;
  TextStyle label_style;
  TextStyle value_style;
  TextStyle heading_style;

  // Table
  std::string rows_path;
  std::vector<TableColumn> columns;
  TextStyle header_style;
  int min_rows = 0;
  double cell_padding = 2;
  Color header_fill{0.9, 0.9, 0.9};
  double border_width = 0.5;

  // Image, Seal, Signature, Emblem, Spacer: size in points (height only for Spacer)
  std::string image_field;
  double width = 0;
  double height = 0;
  std::string placeholder;  // "silhouette", "signature" or ""
  std::optional<TextTemplate> caption;
  double module_size = 0;  // Seal: points per QR module; the symbol's side follows the payload

  // Rule, Box
  double thickness = 0.75;
  bool double_rule = false;
  std::optional<Color> fill;
  std::optional<Color> stroke;
  Sides padding;
  double corner_radius = 0;

  // Stack, Row, Box
  std::vector<Node> children;
  std::vector<double> weights;  // Row
  double gap = 0;
  Align v_align = Align::Left;  // Row: Left = top, Center = middle, Right = bottom
};

enum class PageMode : uint8_t { Flow = 0, Fixed };

struct PageSpec {
  std::string name;
  Size size;
  Sides margin;
  std::optional<Color> background;
  std::vector<Node> children;  // Fixed: placed with `at` or stacked; Flow: paginated
};

struct LayoutSpec {
  std::string type;
  std::string title;
  std::string family;  // card, letter, akta
  std::string paper;   // "ID-1", "A4", "F4"
  std::string orientation;
  std::string number_field;  // record field that is the document number (cards, KK)
  std::string
      number_format;  // pattern for numbered documents, e.g. "SKPWNI/{office}/{ddmmyyyy}/{seq4}"
  std::string subject_id_field;
  std::string subject_name_field;
  PageMode mode = PageMode::Flow;
  std::vector<PageSpec> pages;  // Fixed: each page; Flow: one page template
  std::vector<Node> footer;     // Flow: drawn at the bottom of every page
  nlohmann::json schema;        // the record schema (engine/model validates)
  std::string source_path;
};

}  // namespace absah::layout
