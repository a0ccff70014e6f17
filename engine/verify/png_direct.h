#pragma once
// The fast path for the PNGs that scanners and pdftoppm write: 8-bit grey, grey+alpha, RGB or
// RGBA, not interlaced. The whole zlib stream is inflated in one call by libdeflate (about six
// times faster than zlib's streaming inflate, which libpng uses and which took most of the time
// of a page scan), then rows are unfiltered in place and turned grey.
//
// It only ever answers for well-formed files of those layouts: anything else (palette, 16-bit,
// interlacing, a colour key, a non-sRGB gamma, a bad CRC, a short or long zlib stream, more
// inflated data than `max_inflated_bytes`) gives nullopt, and the caller decodes with libpng,
// which has the final word on what is valid and what the error says.

#include <cstddef>
#include <optional>
#include <string_view>

#include "engine/verify/image_load.h"

namespace absah::verify {

// `bytes` is a whole PNG file whose IHDR dimensions the caller has already checked against its
// limits. Memory: the inflated data (at most `max_inflated_bytes`) plus the grey image.
std::optional<GreyImage> decode_png_direct(std::string_view bytes, size_t max_inflated_bytes);

}  // namespace absah::verify
