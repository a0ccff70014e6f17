#include "engine/verify/image_load.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <chrono>
#include <fstream>

#include "tests/unit/verify/image_test_support.h"

namespace absah::verify {
namespace {

using testing::blank;
using testing::encode_jpeg;
using testing::encode_png;

GreyImage gradient(int w, int h) {
  GreyImage img = blank(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      img.pixels[static_cast<size_t>(y) * w + x] = static_cast<uint8_t>((x * 7 + y * 3) & 0xFF);
  return img;
}

uint32_t crc32(std::string_view data) {
  uint32_t c = 0xFFFFFFFFu;
  for (char ch : data) {
    c ^= static_cast<uint8_t>(ch);
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
  }
  return c ^ 0xFFFFFFFFu;
}

std::string be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

// A PNG signature and an IHDR (PNG spec §11.2.2) with valid CRC claiming width x height, 8-bit
// grey, then nothing: a header-only "bomb".
std::string png_header_claiming(uint32_t width, uint32_t height) {
  std::string ihdr = "IHDR" + be32(width) + be32(height) + std::string("\x08\x00\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + ihdr + be32(crc32(ihdr));
}

TEST(ImageLoad, PngGreyRoundTripIsExact) {
  GreyImage img = gradient(37, 23);
  auto back = load_grey_image(encode_png(img));
  ASSERT_TRUE(back.ok()) << back.error().describe();
  EXPECT_EQ(back->width, 37);
  EXPECT_EQ(back->height, 23);
  EXPECT_EQ(back->pixels, img.pixels);
}

TEST(ImageLoad, RgbPngBecomesGrey) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = 2;
  image.height = 1;
  image.format = PNG_FORMAT_RGB;
  const uint8_t px[6] = {255, 255, 255, 0, 0, 0};
  png_alloc_size_t size = 0;
  png_image_write_to_memory(&image, nullptr, &size, 0, px, 0, nullptr);
  std::string bytes(size, '\0');
  ASSERT_TRUE(png_image_write_to_memory(&image, bytes.data(), &size, 0, px, 0, nullptr));
  bytes.resize(size);
  auto grey = load_grey_image(bytes);
  ASSERT_TRUE(grey.ok()) << grey.error().describe();
  EXPECT_EQ(grey->pixels, (std::vector<uint8_t>{255, 0}));
}

TEST(ImageLoad, JpegRoundTripIsClose) {
  GreyImage img = blank(64, 48, 200);
  for (int y = 10; y < 30; ++y)
    for (int x = 10; x < 40; ++x) img.pixels[static_cast<size_t>(y) * 64 + x] = 20;
  auto back = load_grey_image(encode_jpeg(img, 90));
  ASSERT_TRUE(back.ok()) << back.error().describe();
  ASSERT_EQ(back->width, 64);
  ASSERT_EQ(back->height, 48);
  EXPECT_NEAR(back->at(20, 20), 20, 8);
  EXPECT_NEAR(back->at(50, 40), 200, 8);
}

TEST(ImageLoad, FormatComesFromMagicBytesNotTheName) {
  EXPECT_EQ(sniff_image_kind(encode_png(blank(4, 4))), ImageKind::Png);
  EXPECT_EQ(sniff_image_kind(encode_jpeg(blank(8, 8), 80)), ImageKind::Jpeg);
  EXPECT_EQ(sniff_image_kind("%PDF-1.7\n"), ImageKind::Pdf);
  EXPECT_EQ(sniff_image_kind("GIF89a"), ImageKind::None);
  auto dir = std::filesystem::temp_directory_path();
  auto path = dir / ("absah_really_png_" + std::to_string(getpid()) + ".jpg");
  std::ofstream(path, std::ios::binary) << encode_png(gradient(5, 5));
  auto img = load_grey_image_file(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(img.ok()) << img.error().describe();
  EXPECT_EQ(img->width, 5);
  auto gif = load_grey_image("GIF89a....");
  ASSERT_FALSE(gif.ok());
  EXPECT_EQ(gif.error().code, ErrorCode::ImageInvalid);
  EXPECT_NE(load_grey_image("%PDF-1.7").error().message.find("PDF"), std::string::npos);
}

TEST(ImageLoad, HugePngHeaderFailsFastWithoutAllocating) {
  std::string bomb = png_header_claiming(100000, 100000);
  auto t0 = std::chrono::steady_clock::now();
  auto r = load_grey_image(bomb);
  auto ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::ImageInvalid);
  EXPECT_NE(r.error().message.find("100000x100000"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("exceeds"), std::string::npos) << r.error().message;
  EXPECT_LT(ms, 100.0);  // a 10 GB buffer would take far longer (or fail) to allocate and fill

  auto wide = load_grey_image(png_header_claiming(19000, 5000));  // 95 MP, sides within limit
  ASSERT_FALSE(wide.ok());
  EXPECT_NE(wide.error().message.find("MP"), std::string::npos) << wide.error().message;
  auto side = load_grey_image(png_header_claiming(30000, 10));
  ASSERT_FALSE(side.ok());
  EXPECT_NE(side.error().message.find("a side"), std::string::npos) << side.error().message;
}

TEST(ImageLoad, HugeJpegHeaderFailsFast) {
  std::string jpeg = encode_jpeg(blank(16, 16), 80);
  size_t sof = jpeg.find("\xff\xc0");
  ASSERT_NE(sof, std::string::npos);
  // SOF0 (ITU T.81 B.2.2): FFC0, Lf(2), P(1), Y(2), X(2).
  jpeg[sof + 5] = '\xea', jpeg[sof + 6] = '\x60';  // 60000
  jpeg[sof + 7] = '\xea', jpeg[sof + 8] = '\x60';
  auto r = load_grey_image(jpeg);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("60000x60000"), std::string::npos) << r.error().message;
}

TEST(ImageLoad, CorruptDataIsAnError) {
  std::string png = encode_png(gradient(64, 64));
  auto truncated = load_grey_image(std::string_view(png).substr(0, png.size() / 2));
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().code, ErrorCode::ImageInvalid);
  std::string jpeg = encode_jpeg(gradient(64, 64), 80);
  jpeg.resize(20);
  auto bad_jpeg = load_grey_image(jpeg);
  ASSERT_FALSE(bad_jpeg.ok());
  EXPECT_EQ(bad_jpeg.error().code, ErrorCode::ImageInvalid);
}

}  // namespace
}  // namespace absah::verify
