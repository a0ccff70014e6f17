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
  // QRcode_encodeData takes explicit bytes, so an embedded NUL cannot truncate the text.
  // version 0 = the smallest version that fits (libqrencode API).
  errno = 0;
  std::unique_ptr<QRcode, QrCodeFree> code(QRcode_encodeData(
      static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
      to_qrencode(level)));
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
