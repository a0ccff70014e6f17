#include "engine/qr/qr_matrix.h"

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <string>

#include "engine/qr/qr_codewords.h"
#include "engine/qr/qr_mask.h"
#include "engine/qr/qrencode_api.h"

namespace absah::qr {

namespace {

struct QrInputFree {
  void operator()(QRinput* input) const { QRinput_free(input); }
};

struct MallocFree {
  void operator()(unsigned char* p) const { std::free(p); }
};
using MallocBytes = std::unique_ptr<unsigned char, MallocFree>;

}  // namespace

Result<QrMatrix> encode_qr(std::string_view text, QrEcLevel level) {
  if (level == QrEcLevel::None)
    return Error(ErrorCode::Usage, "", "QR error correction level not set");
  if (text.empty()) return Error(ErrorCode::FieldLength, "", "QR text is empty");
  if (text.find('\0') != std::string_view::npos)
    return Error(ErrorCode::FieldFormat, "", "QR text contains a NUL byte");
  const std::string c_text(text);
  // libqrencode splits the text into segments and makes the data codewords, the smallest
  // version that holds them (version 0 asks for that) and the frame of function patterns:
  // hint QR_MODE_8 = mixed numeric/alphanumeric/byte segments without Kanji; casesensitive = 1
  // keeps lower case in byte mode instead of upper-casing it (the splitting QRcode_encodeString
  // does). Error correction, placement (qr_codewords.h) and the mask (qr_mask.h) are ours;
  // libqrencode's took four times as long, and its mask choice scores module by module.
  errno = 0;
  std::unique_ptr<QRinput, QrInputFree> input(QRinput_new2(0, to_qrencode(level)));
  MallocBytes data;
  if (input && Split_splitStringToQRinput(c_text.c_str(), input.get(), QR_MODE_8, 1) == 0)
    data.reset(QRinput_getByteStream(input.get()));
  const int version = data ? QRinput_getVersion(input.get()) : 0;
  MallocBytes frame(version >= 1 && version <= 40 ? QRspec_newFrame(version) : nullptr);
  if (!data || !frame) {
    if (errno == ERANGE)
      return Error(ErrorCode::FieldLength, "",
                   "text of " + std::to_string(text.size()) + " bytes does not fit in a QR code");
    return Error(ErrorCode::Internal, "",
                 "libqrencode failed (errno " + std::to_string(errno) + ")");
  }
  int spec[5] = {};
  QRspec_getEccSpec(version, to_qrencode(level), spec);
  const BlockLayout layout{spec[0], spec[1], spec[2], spec[3], spec[4]};
  const int width = QRspec_getWidth(version);
  const UnmaskedSymbol symbol =
      place_codewords(frame.get(), width, interleaved_codewords(data.get(), layout));
  const int mask = choose_mask(symbol, level);
  QrMatrix m;
  m.size = width;
  m.version = version;
  m.dark = apply_mask(symbol, level, mask);
  return m;
}

Result<int> qr_version_for(std::string_view text, QrEcLevel level) {
  auto m = encode_qr(text, level);
  if (!m) return m.take_error();
  return m->version;
}

}  // namespace absah::qr
