#pragma once
// Frames: the finished pages layout hands to the PDF writer, and nothing else crosses that
// boundary. A page is a size and a list of positioned items; frames never change after layout.
// Coordinates are points from the page's top-left corner, y downwards.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/base/geometry.h"
#include "engine/text/font_book.h"

namespace absah::layout {

struct PlacedGlyph {
  uint32_t glyph_id = 0;
  double x = 0;         // pen position relative to the run origin, points
  double y_offset = 0;  // points, up is positive
  // The source text of the cluster this glyph starts, as a range of its run's `text` (empty
  // for the cluster's other glyphs). An offset, not a string: a letter places some two
  // thousand glyphs, and layout moves each several times.
  uint32_t text_begin = 0;
  uint32_t text_size = 0;
};

// Glyphs of one face at one size on one baseline.
struct GlyphRun {
  Point origin;  // baseline start
  text::FontId font = 0;
  double size = 10;
  Color color;
  std::vector<PlacedGlyph> glyphs;
  double width = 0;  // advance of the whole run, points
  // The text the glyphs were shaped from, shared with the shaping result.
  std::shared_ptr<const std::string> text;

  // The source text of glyph `g`'s cluster (ToUnicode).
  std::string_view text_of(const PlacedGlyph& g) const {
    if (!text || g.text_begin > text->size()) return {};
    return std::string_view(*text).substr(g.text_begin, g.text_size);
  }
};

struct Shape {
  enum class Kind : uint8_t { Rect = 0, Line, Ellipse, Polygon };
  Kind kind = Kind::Rect;
  Rect rect;  // for Line: from (x, y) to (x + width, y + height)
  std::optional<Color> fill;
  std::optional<Color> stroke;
  double line_width = 0.5;
  bool dashed = false;
  std::vector<Point> points;  // Polygon, absolute like rect
};

struct ImageData {
  enum class Format : uint8_t { Jpeg = 0, Rgb8, Gray8 };
  Format format = Format::Jpeg;
  int width = 0;
  int height = 0;
  int components = 3;  // JPEG: 1 grey, 3 RGB
  std::string bytes;   // JPEG file bytes (passed through) or raw samples
  std::string alpha;   // optional 8-bit alpha samples (PNG transparency), width*height
};

struct Image {
  Rect rect;
  std::shared_ptr<const ImageData> data;
};

// A QR symbol as a module grid; the writer draws dark modules as filled rectangles.
struct QrGrid {
  Rect rect;  // the symbol including its quiet zone
  int modules = 0;
  int quiet_zone = 4;
  std::vector<uint8_t> dark;  // modules*modules, row-major, 1 = dark
};

struct Link {
  Rect rect;
  std::string uri;
};

// A named area the writer or a later stage needs to know about (the signature widget, the
// seal block). Not drawn.
struct Anchor {
  Rect rect;
  std::string name;
};

using FrameItem = std::variant<GlyphRun, Shape, Image, QrGrid, Link, Anchor>;

struct PageFrame {
  Size size;
  std::vector<FrameItem> items;
};

struct DocumentFrames {
  std::vector<PageFrame> pages;
  std::string title;    // PDF /Title
  std::string subject;  // PDF /Subject
  std::string language = "id-ID";
};

}  // namespace absah::layout
