#pragma once
// The typographic properties of a text node. Children inherit their parent's style; a layout
// file declares named styles and nodes override single properties.

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/base/geometry.h"
#include "engine/base/result.h"

namespace absah::layout {

enum class Align : uint8_t { Left = 0, Center, Right, Justify };

struct TextStyle {
  std::string family = "sans";
  double size = 10;          // points
  double min_size = 0;       // shrink floor; 0 = 80% of size
  double line_height = 1.2;  // multiple of size
  bool bold = false;
  bool italic = false;
  bool underline = false;
  bool upper = false;  // upper-case the whole text after expansion
  Color color;
  Align align = Align::Left;
  int max_lines = 0;          // 0 = unlimited
  double letter_spacing = 0;  // points added after each glyph (titles)

  double floor_size() const { return min_size > 0 ? min_size : size * 0.8; }
  // Every property: equal styles set text alike (the constant-text memo relies on it).
  bool operator==(const TextStyle&) const = default;
};

// Applies the style properties present in `json` on top of `base`. `where` names the layout
// path for errors.
Result<TextStyle> apply_style(const TextStyle& base, const nlohmann::json& json,
                              const std::string& where);

Result<Color> parse_color(const nlohmann::json& value, const std::string& where);

}  // namespace absah::layout
