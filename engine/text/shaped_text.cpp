#include "engine/text/shaped_text.h"

namespace absah::text {

double ShapedText::advance(size_t begin, size_t end) const {
  double sum = 0;
  for (size_t i = begin; i < end && i < glyphs.size(); ++i) sum += glyphs[i].x_advance;
  return sum;
}

}  // namespace absah::text
