#include "engine/qr/qr_matrix.h"

#include <cerrno>
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

// libqrencode's module bytes: bit 0 is the colour (1 = dark), bit 7 marks modules outside the
// data area (function patterns, format and version information), which masks leave alone.
// `code` carries mask 0; undoing it gives the unmasked symbol.
UnmaskedSymbol unmask(const QRcode& code) {
  UnmaskedSymbol s;
  s.size = code.width;
  const size_t area = static_cast<size_t>(s.size) * s.size;
  s.dark.resize(area);
  s.data.resize(area);
  for (size_t i = 0; i < area; ++i) {
    s.data[i] = (code.data[i] & 0x80) == 0;
    s.dark[i] = code.data[i] & 1;
  }
  invert_masked_modules(s.size, s.data, 0, s.dark);
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
  // The symbol is built with mask 0 and the mask chosen afterwards (qr_mask.h): libqrencode's
  // own choice scores all eight masks module by module. version 0 = the smallest version that
  // fits; hint QR_MODE_8 = mixed numeric/alphanumeric/byte segments without Kanji;
  // casesensitive = 1 keeps lower case in byte mode instead of upper-casing it (the same
  // splitting QRcode_encodeString does).
  errno = 0;
  std::unique_ptr<QRinput, QrInputFree> input(QRinput_new2(0, to_qrencode(level)));
  std::unique_ptr<QRcode, QrCodeFree> code;
  if (input && Split_splitStringToQRinput(c_text.c_str(), input.get(), QR_MODE_8, 1) == 0)
    code.reset(QRcode_encodeMask(input.get(), 0));
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
