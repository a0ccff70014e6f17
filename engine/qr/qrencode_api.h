#pragma once
// What absah uses of libqrencode beyond qrencode.h, in one place: functions libqrencode 4
// exports and Debian's symbols file for libqrencode4 lists, but the header does not declare
// (the string splitting of QRcode_encodeString, encoding with a given mask, and the mask
// scoring the tests compare ours with), and the mapping of our error-correction levels.

#include <qrencode.h>

#include "engine/qr/qr_matrix.h"

extern "C" {
int Split_splitStringToQRinput(const char* string, QRinput* input, QRencodeMode hint,
                               int casesensitive);
QRcode* QRcode_encodeMask(QRinput* input, int mask);
unsigned char* Mask_makeMask(int width, unsigned char* frame, int mask, QRecLevel level);
int Mask_evaluateSymbol(int width, unsigned char* frame);
}

namespace absah::qr {

inline QRecLevel to_qrencode(QrEcLevel level) {
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

}  // namespace absah::qr
