#pragma once
// Sets a string in a box of a given width: shaping once, then line breaking and fitting.
// Fitting follows one policy everywhere: keep the style's size if the text fits; otherwise
// shrink (in quarter points) down to the floor size on one line; then wrap, as large as
// possible, within max_lines and the available height; otherwise fail with an error that
// names the field. Text is never clipped and never overlaps its neighbours.

#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/layout/frame.h"
#include "engine/layout/text_style.h"
#include "engine/text/font_book.h"

namespace absah::layout {

enum class Wrap : uint8_t { None = 0, Allowed, Always };

struct SetText {
  std::vector<FrameItem> items;  // relative to the box's top-left corner
  double height = 0;
  double width = 0;  // widest line
  double used_size = 0;
  int lines = 0;
  bool shrunk = false;
};

struct TextRequest {
  std::string text;
  TextStyle style;
  double width = 0;
  double max_height = 0;  // 0 = unbounded
  Wrap wrap = Wrap::Allowed;
  std::string field;  // named in errors and warnings
};

Result<SetText> set_text(const text::FontBook& book, const TextRequest& request);

// Width of a single line at the style's size, for measuring labels.
Result<double> measure_text(const text::FontBook& book, const std::string& text,
                            const TextStyle& style);

}  // namespace absah::layout
