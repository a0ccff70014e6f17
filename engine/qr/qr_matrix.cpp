#include "engine/qr/qr_matrix.h"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <string>

namespace absah::qr {

namespace {

QRecLevel to_qrencode(QrEcLevel level) {
  switch (level) {
    case QrEcLevel::L:
      return QR_ECLEVEL_L;
    case QrEcLevel::M:
      return QR_ECLEVEL_M;
    case QrEcLevel::Q:
      return QR_ECLEVEL_Q;
    case QrEcLevel::H:
      return QR_ECLEVEL_H;
    case QrEcLevel::None:
      break;
  }
  return QR_ECLEVEL_M;
}

struct QrCodeFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

Result<QrMatrix> encode_qr(std::string_view text, QrEcLevel level) {
  if (level == QrEcLevel::None)
    return Error(ErrorCode::Usage, "", "QR error correction level not set");
  if (text.empty()) return Error(ErrorCode::FieldLength, "", "QR text is empty");
  if (text.find('\0') != std::string_view::npos)
    return Error(ErrorCode::FieldFormat, "", "QR text contains a NUL byte");
  const std::string c_text(text);
  // version 0 = the smallest version that fits; hint QR_MODE_8 = mixed numeric/alphanumeric/
  // byte segments without Kanji; casesensitive = 1 keeps lower case in byte mode instead of
  // upper-casing it (libqrencode API, qrencode.h QRcode_encodeString).
  errno = 0;
  std::unique_ptr<QRcode, QrCodeFree> code(
      QRcode_encodeString(c_text.c_str(), 0, to_qrencode(level), QR_MODE_8, 1));
  if (!code) {
    if (errno == ERANGE)
      return Error(ErrorCode::FieldLength, "",
                   "text of " + std::to_string(text.size()) + " bytes does not fit in a QR code");
    return Error(ErrorCode::Internal, "",
                 "libqrencode failed (errno " + std::to_string(errno) + ")");
  }
  QrMatrix m;
  m.size = code->width;
  m.version = code->version;
  m.dark.resize(static_cast<size_t>(m.size) * m.size);
  // libqrencode: bit 0 of each byte is the module colour (1 = dark); the other bits are
  // internal markers (function patterns, format info) that we do not need.
  for (size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1;
  return m;
}

Result<int> qr_version_for(std::string_view text, QrEcLevel level) {
  auto m = encode_qr(text, level);
  if (!m) return m.take_error();
  return m->version;
}

}  // namespace absah::qr
