// The error correction codewords against a published example and against libqrencode's own
// encoder for every codeword count QR Code uses.

#include "engine/qr/reed_solomon.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "engine/qr/qrencode_api.h"

namespace absah::qr {
namespace {

TEST(ReedSolomon, HelloWorldVersion1M) {
  // "HELLO WORLD" at 1-M: 16 data codewords, 10 correction codewords.
  const std::vector<uint8_t> data = {0x20, 0x5b, 0x0b, 0x78, 0xd1, 0x72, 0xdc, 0x4d,
                                     0x43, 0x40, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11};
  std::vector<uint8_t> ecc(10);
  reed_solomon_ecc(data.data(), static_cast<int>(data.size()), 10, ecc.data());
  EXPECT_EQ(ecc,
            (std::vector<uint8_t>{0xc4, 0x23, 0x27, 0x77, 0xeb, 0xd7, 0xe7, 0xe2, 0x5d, 0x17}));
}

TEST(ReedSolomon, EqualsLibqrencodeForEveryEccLength) {
  std::mt19937 rng(18004);
  for (int ecc_length = 7; ecc_length <= kMaxEccCodewords; ++ecc_length) {
    for (int round = 0; round < 20; ++round) {
      const int data_length = 1 + static_cast<int>(rng() % 153);
      std::vector<uint8_t> data(data_length);
      for (auto& b : data) b = static_cast<uint8_t>(rng() % 4 == 0 ? 0 : rng());
      std::vector<uint8_t> ours(ecc_length), theirs(ecc_length);
      reed_solomon_ecc(data.data(), data_length, ecc_length, ours.data());
      ASSERT_EQ(RSECC_encode(data.size(), ecc_length, data.data(), theirs.data()), 0);
      ASSERT_EQ(ours, theirs) << "ecc " << ecc_length << " data " << data_length;
    }
  }
}

}  // namespace
}  // namespace absah::qr
