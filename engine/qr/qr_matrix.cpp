#include "engine/qr/qr_matrix.h"

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

#include "engine/qr/qr_mask.h"
#include "engine/qr/qrencode_api.h"

namespace absah::qr {

namespace {

struct QrCodeFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

struct QrInputFree {
  void operator()(QRinput* input) const { QRinput_free(input); }
};

constexpr int kNoMask = -2;

// The mask libqrencode applied to `code`, read back from its format information (first copy,
// §7.9.1), or -1 when those modules are all light: the frame is then unmasked.
int applied_mask(const QRcode& code) {
  const int n = code.width;
  uint16_t format = 0;
  for (int i = 0; i < 8; ++i) format |= (code.data[8 * n + n - 1 - i] & 1) << i;
  for (int i = 0; i < 7; ++i) format |= (code.data[(n - 7 + i) * n + 8] & 1) << (8 + i);
  if (format == 0) return -1;  // no format information is all light (it is XORed with 0x5412)
  return ((format ^ 0x5412) >> 10) & 7;
}

// libqrencode's module bytes: bit 0 is the colour (1 = dark), bit 7 marks modules outside the
// data area (function patterns, format and version information), which masks leave alone.
UnmaskedSymbol unmask(const QRcode& code) {
  UnmaskedSymbol s;
  s.size = code.width;
  const size_t area = static_cast<size_t>(s.size) * s.size;
  s.dark.resize(area);
  s.data.resize(area);
  // Eight modules a step: each byte's bit 0 is the colour, bit 7 clear marks a data module.
  constexpr uint64_t kLowBits = 0x0101010101010101ull;
  const unsigned char* in = code.data;
  size_t i = 0;
  for (; i + 8 <= area; i += 8) {
    uint64_t modules;
    std::memcpy(&modules, in + i, 8);
    const uint64_t dark = modules & kLowBits;
    const uint64_t data = ((modules >> 7) & kLowBits) ^ kLowBits;
    std::memcpy(s.dark.data() + i, &dark, 8);
    std::memcpy(s.data.data() + i, &data, 8);
  }
  for (; i < area; ++i) {
    s.data[i] = static_cast<uint8_t>((in[i] >> 7) ^ 1);
    s.dark[i] = in[i] & 1;
  }
  const int mask = applied_mask(code);
  if (mask >= 0) invert_masked_modules(s.size, s.data, mask, s.dark);
  return s;
}

}  // namespace

Result<QrMatrix> encode_qr(std::string_view text, QrEcLevel level) {
  if (level == QrEcLevel::None)
    return Error(ErrorCode::Usage, "", "QR error correction level not set");
  if (text.empty()) return Error(ErrorCode::FieldLength, "", "QR text is empty");
  if (text.find('\0') != std::string_view::npos)
    return Error(ErrorCode::FieldFormat, "", "QR text contains a NUL byte");
  const std::string c_text(text);
  // The symbol is built unmasked and the mask chosen afterwards (qr_mask.h): libqrencode's own
  // choice scores all eight masks module by module. Mask -2 is libqrencode's "no mask" (its
  // frame is copied as it is, format information not written); should a libqrencode mask it
  // all the same, unmask() reads the mask from the format information and removes it.
  // version 0 = the smallest version that fits; hint QR_MODE_8 = mixed numeric/alphanumeric/byte
  // segments without Kanji; casesensitive = 1 keeps lower case in byte mode instead of upper-casing
  // it (the same splitting QRcode_encodeString does).
  errno = 0;
  std::unique_ptr<QRinput, QrInputFree> input(QRinput_new2(0, to_qrencode(level)));
  std::unique_ptr<QRcode, QrCodeFree> code;
  if (input && Split_splitStringToQRinput(c_text.c_str(), input.get(), QR_MODE_8, 1) == 0)
    code.reset(QRcode_encodeMask(input.get(), kNoMask));
  if (!code) {
    if (errno == ERANGE)
      return Error(ErrorCode::FieldLength, "",
                   "text of " + std::to_string(text.size()) + " bytes does not fit in a QR code");
    return Error(ErrorCode::Internal, "",
                 "libqrencode failed (errno " + std::to_string(errno) + ")");
  }
  UnmaskedSymbol symbol = unmask(*code);
  const int mask = choose_mask(symbol, level);
  QrMatrix m;
  m.size = code->width;
  m.version = code->version;
  m.dark = apply_mask(symbol, level, mask);
  return m;
}

Result<int> qr_version_for(std::string_view text, QrEcLevel level) {
  auto m = encode_qr(text, level);
  if (!m) return m.take_error();
  return m->version;
}

}  // namespace absah::qr
