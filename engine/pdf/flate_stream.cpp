#include "engine/pdf/flate_stream.h"

#include <libdeflate.h>

#include <stdexcept>

namespace absah::pdf {

namespace {

// libdeflate rather than zlib for writing: it compresses a whole buffer in one call, about
// three times faster than zlib at the same level and ratio, which matters because content
// streams and font subsets are deflated for every document. Its output is an ordinary zlib
// stream (RFC 1950), which is what /FlateDecode means. Reading stays on zlib (verify), whose
// streaming inflate lets the verifier stop at a byte budget.
// Level 1: measured on a letter, it deflates the content stream six times faster than level 6
// (85 µs against 527 µs for 30 KB) for 1.4 KB more, and font programs within 2 % of level 6.
constexpr int kLevel = 1;

// One compressor per thread, kept for the thread's lifetime.
class Deflater {
 public:
  Deflater() : m_compressor(libdeflate_alloc_compressor(kLevel)) {
    if (!m_compressor) throw std::runtime_error("libdeflate: cannot allocate a compressor");
  }
  ~Deflater() { libdeflate_free_compressor(m_compressor); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  std::string compress(std::string_view data) {
    std::string out;
    out.resize(libdeflate_zlib_compress_bound(m_compressor, data.size()));
    size_t written =
        libdeflate_zlib_compress(m_compressor, data.data(), data.size(), out.data(), out.size());
    if (written == 0) throw std::runtime_error("libdeflate: output larger than its bound");
    out.resize(written);
    return out;
  }

 private:
  libdeflate_compressor* m_compressor;
};

}  // namespace

std::string deflate_bytes(std::string_view data) {
  thread_local Deflater deflater;
  return deflater.compress(data);
}

}  // namespace absah::pdf
