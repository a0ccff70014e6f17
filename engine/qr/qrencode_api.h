#pragma once
// What absah uses of libqrencode beyond qrencode.h, in one place: functions libqrencode 4
// exports and Debian's symbols file for libqrencode4 lists, but the header does not declare
// (the string splitting of QRcode_encodeString, its data codewords, block structure and
// function-pattern frame, and the unmasked symbols, error correction and mask scoring the tests
// compare ours with), and the mapping of our error-correction levels.

#include <qrencode.h>

#include "engine/qr/qr_matrix.h"

extern "C" {
int Split_splitStringToQRinput(const char* string, QRinput* input, QRencodeMode hint,
                               int casesensitive);
QRcode* QRcode_encodeMask(QRinput* input, int mask);  // mask −2: libqrencode's unmasked symbol
unsigned char* QRinput_getByteStream(QRinput* input);
void QRspec_getEccSpec(int version, QRecLevel level, int spec[5]);
unsigned char* QRspec_newFrame(int version);
int QRspec_getWidth(int version);
int RSECC_encode(size_t data_length, size_t ecc_length, const unsigned char* data,
                 unsigned char* ecc);
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
