#pragma once
// zlib/deflate decompression (RFC 1950/1951, the PDF FlateDecode filter) that stops at a byte
// budget instead of trusting the file: a 1 KB stream that would inflate to 10 GB fails after
// `max_output` bytes, having allocated no more than that.

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace absah::verify {

// Errors: PdfInvalid ("corrupt deflate data" or "inflates beyond N bytes").
Result<std::string> inflate_bounded(std::string_view compressed, uint64_t max_output);

}  // namespace absah::verify
