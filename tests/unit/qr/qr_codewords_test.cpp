// Error correction, interleaving and placement against libqrencode's unmasked symbol (its
// QRcode_encodeMask with mask −2), for every version and level.

#include "engine/qr/qr_codewords.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "engine/qr/qrencode_api.h"

namespace absah::qr {
namespace {

struct InputFree {
  void operator()(QRinput* input) const { QRinput_free(input); }
};
using Input = std::unique_ptr<QRinput, InputFree>;

Input input_for(int version, QRecLevel level, const std::string& text) {
  Input input(QRinput_new2(version, level));
  EXPECT_TRUE(input);
  EXPECT_EQ(Split_splitStringToQRinput(text.c_str(), input.get(), QR_MODE_8, 1), 0);
  return input;
}

TEST(QrCodewords, UnmaskedSymbolEqualsLibqrencodesForEveryVersionAndLevel) {
  const QRecLevel levels[] = {QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q, QR_ECLEVEL_H};
  // Digits, 8 per version: they fit even version 1-H (17 digits), and larger versions get
  // longer data as well as padding.
  std::string digits;
  for (int i = 0; i < 320; ++i) digits += static_cast<char>('0' + (i * 7 + i / 3) % 10);
  for (int version = 1; version <= 40; ++version) {
    const std::string text = digits.substr(0, 8 * version);
    for (QRecLevel level : levels) {
      // The same input twice: making the codewords pads it, so each side gets its own.
      Input ours_input = input_for(version, level, text);
      Input their_input = input_for(version, level, text);
      std::unique_ptr<unsigned char, decltype(&std::free)> data(
          QRinput_getByteStream(ours_input.get()), &std::free);
      ASSERT_TRUE(data);
      ASSERT_EQ(QRinput_getVersion(ours_input.get()), version);
      int spec[5] = {};
      QRspec_getEccSpec(version, level, spec);
      std::unique_ptr<unsigned char, decltype(&std::free)> frame(QRspec_newFrame(version),
                                                                 &std::free);
      const int width = QRspec_getWidth(version);
      const UnmaskedSymbol ours = place_codewords(
          frame.get(), width,
          interleaved_codewords(data.get(), {spec[0], spec[1], spec[2], spec[3], spec[4]}));

      std::unique_ptr<QRcode, decltype(&QRcode_free)> theirs(
          QRcode_encodeMask(their_input.get(), -2), &QRcode_free);
      ASSERT_TRUE(theirs);
      ASSERT_EQ(theirs->width, width);
      ASSERT_EQ(ours.size, width);
      int differing = 0;
      for (int i = 0; i < width * width; ++i) {
        differing += ours.dark[i] != (theirs->data[i] & 1);
        differing += ours.data[i] != ((theirs->data[i] & 0x80) == 0);
      }
      EXPECT_EQ(differing, 0) << "version " << version << " level " << level;
    }
  }
}

}  // namespace
}  // namespace absah::qr
