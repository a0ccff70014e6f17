#pragma once
// Geometry value types. Every length in the engine is in PostScript points (1/72 inch);
// layout works top-down (origin at the page's top-left corner, y grows downwards) and only
// the PDF writer flips to PDF's bottom-up space.

namespace absah {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double mm(double millimetres) {
  return millimetres * kPointsPerMm;
}
constexpr double to_mm(double points) {
  return points / kPointsPerMm;
}

struct Point {
  double x = 0;
  double y = 0;
};

struct Size {
  double width = 0;
  double height = 0;
};

struct Rect {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;

  double right() const { return x + width; }
  double bottom() const { return y + height; }
};

// Padding or margins, clockwise from the top as in CSS.
struct Sides {
  double top = 0;
  double right = 0;
  double bottom = 0;
  double left = 0;
};

// An sRGB colour with components 0..1.
struct Color {
  double r = 0;
  double g = 0;
  double b = 0;
  bool operator==(const Color&) const = default;
};

}  // namespace absah
