#pragma once
// FlateDecode data (PDF 32000-1 §7.4.4): content streams, font programs, ToUnicode maps and
// image samples are deflated here, once per buffer, with one compressor per thread.

#include <string>
#include <string_view>

namespace absah::pdf {

// zlib format (RFC 1950), as FlateDecode expects.
std::string deflate_bytes(std::string_view data);

}  // namespace absah::pdf
