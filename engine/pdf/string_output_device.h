#pragma once
// A PoDoFo output device that writes straight into a std::string. PoDoFo's buffer device
// formats every token twice (once to measure it, once to write it), grows its own buffer, and
// the finished file was then copied out of it; this one formats once into a stack buffer and
// leaves the file where the caller wants it. Plain formats skip vsnprintf (plain_format.h).

#include <podofo/podofo.h>

#include <cstdarg>
#include <string>

namespace absah::pdf {

class StringOutputDevice final : public PoDoFo::PdfOutputDevice {
 public:
  explicit StringOutputDevice(std::string& out) : m_out(out) {}

  size_t GetLength() const override { return m_out.size(); }
  size_t Tell() const override { return m_position; }
  void Print(const char* format, ...) override;
  void PrintV(const char* format, long bytes, va_list args) override;
  void Write(const char* data, size_t length) override;
  size_t Read(char* buffer, size_t length) override;
  void Seek(size_t offset) override;
  void Flush() override {}

 private:
  void put(const char* data, size_t length);

  std::string& m_out;
  size_t m_position = 0;
};

}  // namespace absah::pdf
