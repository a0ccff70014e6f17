#include "engine/verify/bounded_inflate.h"

#include <zlib.h>

#include <algorithm>

namespace absah::verify {

Result<std::string> inflate_bounded(std::string_view compressed, uint64_t max_output) {
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK) return Error(ErrorCode::Internal, "", "zlib cannot start");
  std::string out;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(std::min<size_t>(compressed.size(), UINT32_MAX));
  constexpr size_t kChunk = 64 * 1024;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (out.size() >= max_output) {
      inflateEnd(&zs);
      return Error(ErrorCode::PdfInvalid, "",
                   "stream inflates beyond " + std::to_string(max_output) + " bytes (limit)");
    }
    const size_t room = std::min<uint64_t>(kChunk, max_output - out.size());
    const size_t old = out.size();
    out.resize(old + room);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + old);
    zs.avail_out = static_cast<uInt>(room);
    rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(old + (room - zs.avail_out));
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK) {
      inflateEnd(&zs);
      // A truncated stream (Z_BUF_ERROR with no input left) still yields what was decoded.
      if (rc == Z_BUF_ERROR && zs.avail_in == 0) return out;
      return Error(ErrorCode::PdfInvalid, "", "corrupt deflate data");
    }
  }
  inflateEnd(&zs);
  return out;
}

}  // namespace absah::verify
