#include "engine/pdf/string_output_device.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "engine/pdf/plain_format.h"

namespace absah::pdf {

using PoDoFo::PdfError;

void StringOutputDevice::put(const char* data, size_t length) {
  if (m_position == m_out.size()) {
    m_out.append(data, length);
  } else {
    // After a Seek back: overwrite, extending the file where the write runs past its end.
    if (m_position + length > m_out.size()) m_out.resize(m_position + length);
    std::memcpy(m_out.data() + m_position, data, length);
  }
  m_position += length;
}

void StringOutputDevice::Print(const char* format, ...) {
  va_list args;
  if (is_plain_format(format)) {
    va_start(args, format);
    if (m_position == m_out.size()) {
      append_plain_format(m_out, format, args);
      m_position = m_out.size();
    } else {
      std::string text;
      append_plain_format(text, format, args);
      put(text.data(), text.size());
    }
    va_end(args);
    return;
  }
  char small[256];
  va_start(args, format);
  const int needed = std::vsnprintf(small, sizeof small, format, args);
  va_end(args);
  if (needed < 0) PODOFO_RAISE_ERROR(PoDoFo::ePdfError_InvalidDataType);
  if (static_cast<size_t>(needed) < sizeof small) {
    put(small, static_cast<size_t>(needed));
    return;
  }
  std::string large(static_cast<size_t>(needed) + 1, '\0');
  va_start(args, format);
  std::vsnprintf(large.data(), large.size(), format, args);
  va_end(args);
  put(large.data(), static_cast<size_t>(needed));
}

void StringOutputDevice::PrintV(const char* format, long bytes, va_list args) {
  if (bytes < 0) PODOFO_RAISE_ERROR(PoDoFo::ePdfError_InvalidDataType);
  std::string text(static_cast<size_t>(bytes) + 1, '\0');
  const int written = std::vsnprintf(text.data(), text.size(), format, args);
  if (written < 0) PODOFO_RAISE_ERROR(PoDoFo::ePdfError_InvalidDataType);
  put(text.data(), std::min(static_cast<size_t>(written), static_cast<size_t>(bytes)));
}

void StringOutputDevice::Write(const char* data, size_t length) {
  put(data, length);
}

size_t StringOutputDevice::Read(char* buffer, size_t length) {
  const size_t available = m_position < m_out.size() ? m_out.size() - m_position : 0;
  const size_t n = std::min(length, available);
  std::memcpy(buffer, m_out.data() + m_position, n);
  m_position += n;
  return n;
}

void StringOutputDevice::Seek(size_t offset) {
  if (offset > m_out.size()) PODOFO_RAISE_ERROR(PoDoFo::ePdfError_ValueOutOfRange);
  m_position = offset;
}

}  // namespace absah::pdf
