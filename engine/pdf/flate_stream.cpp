#include "engine/pdf/flate_stream.h"

#include <zlib.h>

#include <stdexcept>

namespace absah::pdf {

namespace {

// One deflate state per thread, kept for the thread's lifetime.
class Deflater {
 public:
  Deflater() {
    // deflateInit's defaults (window 15, memLevel 8, default strategy), as PoDoFo's filter.
    if (deflateInit(&m_stream, Z_DEFAULT_COMPRESSION) != Z_OK)
      throw std::runtime_error("zlib: deflateInit failed");
  }
  ~Deflater() { deflateEnd(&m_stream); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  std::string compress(std::string_view data) {
    deflateReset(&m_stream);
    std::string out;
    out.resize(deflateBound(&m_stream, static_cast<uLong>(data.size())));
    m_stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    m_stream.avail_in = static_cast<uInt>(data.size());
    m_stream.next_out = reinterpret_cast<Bytef*>(out.data());
    m_stream.avail_out = static_cast<uInt>(out.size());
    if (deflate(&m_stream, Z_FINISH) != Z_STREAM_END)
      throw std::runtime_error("zlib: deflate did not finish");
    out.resize(m_stream.total_out);
    return out;
  }

 private:
  z_stream m_stream{};
};

}  // namespace

std::string deflate_bytes(std::string_view data) {
  thread_local Deflater deflater;
  return deflater.compress(data);
}

void set_compressed_stream(PoDoFo::PdfObject& object, std::string_view compressed) {
  object.GetDictionary().AddKey(PoDoFo::PdfName::KeyFilter, PoDoFo::PdfName("FlateDecode"));
  PoDoFo::PdfMemoryInputStream in(compressed.data(),
                                  static_cast<PoDoFo::pdf_long>(compressed.size()));
  object.GetStream()->SetRawData(&in, static_cast<PoDoFo::pdf_long>(compressed.size()));
}

void set_flate_stream(PoDoFo::PdfObject& object, std::string_view data) {
  set_compressed_stream(object, deflate_bytes(data));
}

}  // namespace absah::pdf
