// The mask choice against libqrencode's own: the same penalties for every mask, and the same
// symbols as QRcode_encodeString (which scores the masks itself) for many payloads.

#include "engine/qr/qr_mask.h"
#include "engine/qr/qrencode_api.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <random>
#include <string>

namespace absah::qr {
namespace {

// libqrencode's penalty of `mask` over a frame in its module format (bit 7 = not data).
int libqrencode_penalty(int width, std::vector<unsigned char> frame, int mask, QrEcLevel level) {
  std::unique_ptr<unsigned char, decltype(&std::free)> masked(
      Mask_makeMask(width, frame.data(), mask, to_qrencode(level)), &std::free);
  int dark = 0;
  for (int i = 0; i < width * width; ++i) dark += masked.get()[i] & 1;
  const int area = width * width;
  const int percent = (200 * dark + area) / area / 2;
  return std::abs(percent - 50) / 5 * 10 + Mask_evaluateSymbol(width, masked.get());
}

UnmaskedSymbol from_frame(int width, const std::vector<unsigned char>& frame) {
  UnmaskedSymbol s;
  s.size = width;
  for (unsigned char module : frame) {
    s.dark.push_back(module & 1);
    s.data.push_back((module & 0x80) == 0);
  }
  return s;
}

std::string random_payload(std::mt19937& rng, size_t length) {
  static const std::string alphabets[] = {"0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567:/.",
                                          "abcdefghijklmnopqrstuvwxyz-_?=&"};
  std::string text;
  while (text.size() < length) {
    const auto& alphabet = alphabets[rng() % 3];
    const size_t run = 1 + rng() % 24;
    for (size_t i = 0; i < run && text.size() < length; ++i)
      text += alphabet[rng() % alphabet.size()];
  }
  return text;
}

// Symbols in libqrencode's frame format made of runs whose lengths are multiples of a unit of
// 1, 2 or 3 modules, so finder-like patterns of every width occur, at the edges too.
std::vector<unsigned char> run_frame(std::mt19937& rng, int width) {
  std::vector<unsigned char> frame(static_cast<size_t>(width) * width);
  for (int y = 0; y < width; ++y) {
    const int unit = 1 + static_cast<int>(rng() % 3);
    bool dark = rng() % 2;
    for (int x = 0; x < width;) {
      const int run = unit * (rng() % 4 == 0 ? 3 : 1 + static_cast<int>(rng() % 4));
      for (int i = 0; i < run && x < width; ++i, ++x) {
        const bool function_module = rng() % 5 == 0;
        frame[static_cast<size_t>(y) * width + x] =
            static_cast<unsigned char>((function_module ? 0x80 : 0x02) | (dark ? 1 : 0));
      }
      dark = !dark;
    }
  }
  return frame;
}

TEST(QrMask, PenaltiesEqualLibqrencodesOnRunPatterns) {
  std::mt19937 rng(7);
  const QrEcLevel levels[] = {QrEcLevel::L, QrEcLevel::M, QrEcLevel::Q, QrEcLevel::H};
  for (int width : {21, 45, 61, 64, 65, 101, 128, 129, 177}) {
    for (int round = 0; round < 6; ++round) {
      const auto frame = run_frame(rng, width);
      const QrEcLevel level = levels[round % 4];
      const auto ours = mask_penalties(from_frame(width, frame), level);
      const auto portable = mask_penalties_without_popcnt(from_frame(width, frame), level);
      for (int m = 0; m < 8; ++m) {
        const int expected = libqrencode_penalty(width, frame, m, level);
        EXPECT_EQ(ours[m], expected) << "width " << width << " round " << round << " mask " << m;
        EXPECT_EQ(portable[m], expected) << "without popcnt: width " << width << " mask " << m;
      }
    }
  }
}

TEST(QrMask, SymbolsEqualLibqrencodesAutomaticChoice) {
  std::mt19937 rng(2026);
  const QrEcLevel levels[] = {QrEcLevel::L, QrEcLevel::M, QrEcLevel::Q, QrEcLevel::H};
  int masks_seen = 0;
  for (int round = 0; round < 400; ++round) {
    // Mostly seal-sized text (versions up to about 15), now and then up to version 40.
    const size_t length = round % 40 == 0 ? 200 + rng() % 1400 : 1 + rng() % 300;
    const std::string text = random_payload(rng, length);
    const QrEcLevel level = levels[rng() % 4];
    std::unique_ptr<QRcode, decltype(&QRcode_free)> reference(
        QRcode_encodeString(text.c_str(), 0, to_qrencode(level), QR_MODE_8, 1), &QRcode_free);
    auto ours = encode_qr(text, level);
    if (!reference) {
      EXPECT_FALSE(ours.ok()) << text;
      continue;
    }
    ASSERT_TRUE(ours.ok()) << ours.error().describe();
    ASSERT_EQ(ours->size, reference->width);
    ASSERT_EQ(ours->version, reference->version);
    std::vector<uint8_t> expected(ours->dark.size());
    for (size_t i = 0; i < expected.size(); ++i) expected[i] = reference->data[i] & 1;
    ASSERT_EQ(ours->dark, expected) << "version " << ours->version << ": " << text;
    // The mask is in the format information: bits 10..12 after removing the XOR pattern.
    uint16_t format = 0;
    for (int i = 0; i < 8; ++i)
      format |= (reference->data[8 * reference->width + reference->width - 1 - i] & 1) << i;
    for (int i = 0; i < 7; ++i)
      format |= (reference->data[(reference->width - 7 + i) * reference->width + 8] & 1) << (8 + i);
    masks_seen |= 1 << (((format ^ 0x5412) >> 10) & 7);
  }
  EXPECT_EQ(masks_seen, 0xff) << "every mask should win for some payload";
}

TEST(QrMask, FormatInformationMatchesTheStandardsTable) {
  // ISO/IEC 18004:2015 Annex C: level M with mask 0 is all zero data and check bits, so only
  // the fixed pattern 101010000010010 remains; level L mask 0, L mask 7 and H mask 0 as
  // published (most significant bit first).
  EXPECT_EQ(format_information(QrEcLevel::M, 0), 0b101010000010010);
  EXPECT_EQ(format_information(QrEcLevel::L, 0), 0b111011111000100);
  EXPECT_EQ(format_information(QrEcLevel::L, 7), 0b110100101110110);
  EXPECT_EQ(format_information(QrEcLevel::H, 0), 0b001011010001001);
}

}  // namespace
}  // namespace absah::qr
