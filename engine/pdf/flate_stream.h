#pragma once
// FlateDecode streams (PDF 32000-1 §7.4.4) compressed here rather than by PoDoFo: the same
// zlib level and parameters, so the bytes are identical, but one deflate state per thread is
// reset and reused instead of being allocated and cleared for every stream — for the small
// streams of a one-page document that setup cost more than the compression itself.

#include <podofo/podofo.h>

#include <string>
#include <string_view>

namespace absah::pdf {

// zlib format (RFC 1950) at the default level, as FlateDecode expects.
std::string deflate_bytes(std::string_view data);

// Sets `object`'s stream to `data`, compressed, with /Filter /FlateDecode.
void set_flate_stream(PoDoFo::PdfObject& object, std::string_view data);

// Sets already compressed bytes (from deflate_bytes) with /Filter /FlateDecode.
void set_compressed_stream(PoDoFo::PdfObject& object, std::string_view compressed);

}  // namespace absah::pdf
