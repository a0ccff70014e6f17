// The PNG fast path against libpng: files are written by libpng's own writer with one filter
// type forced at a time, so every unfilter branch is compared with an independent encoder, and
// every layout the fast path declines must still load through libpng.

#include "engine/verify/png_direct.h"

#include <gtest/gtest.h>
#include <png.h>
#include <zlib.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "engine/verify/image_load.h"

namespace absah::verify {
namespace {

constexpr size_t kBudget = size_t{64} << 20;

struct PngSpec {
  int width = 61;  // odd, so no row is a multiple of the 8-byte steps
  int height = 19;
  int colour_type = PNG_COLOR_TYPE_GRAY;
  int bit_depth = 8;
  int filter = PNG_ALL_FILTERS;
  int interlace = PNG_INTERLACE_NONE;
  double gamma = 0;         // 0: no gAMA chunk
  bool colour_key = false;  // a tRNS chunk
};

int channels_of(int colour_type) {
  switch (colour_type) {
    case PNG_COLOR_TYPE_GRAY_ALPHA:
      return 2;
    case PNG_COLOR_TYPE_RGB:
      return 3;
    case PNG_COLOR_TYPE_RGB_ALPHA:
      return 4;
    default:
      return 1;
  }
}

// Samples that exercise every filter and every Paeth tie: a gradient, edges, and rows of
// pseudo-random noise (a fixed linear congruential sequence, so runs are repeatable).
std::vector<uint8_t> samples(const PngSpec& s) {
  const int n = channels_of(s.colour_type) * (s.bit_depth / 8);
  std::vector<uint8_t> px(static_cast<size_t>(s.width) * s.height * n);
  uint32_t state = 12345;
  for (int y = 0; y < s.height; ++y)
    for (int x = 0; x < s.width; ++x)
      for (int c = 0; c < n; ++c) {
        state = state * 1664525u + 1013904223u;
        const int noise = y % 3 == 0 ? static_cast<int>(state >> 24) : 0;
        px[(static_cast<size_t>(y) * s.width + x) * n + c] =
            static_cast<uint8_t>((x * 13 + y * 7 + c * 71 + ((x ^ y) & 4) * 50 + noise) & 0xFF);
      }
  return px;
}

void append(png_structp png, png_bytep data, size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

std::string write_png(const PngSpec& s, const std::vector<uint8_t>& px) {
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return {};
  }
  png_set_write_fn(png, &out, append, nullptr);
  png_set_filter(png, 0, s.filter);
  png_set_IHDR(png, info, static_cast<png_uint_32>(s.width), static_cast<png_uint_32>(s.height),
               s.bit_depth, s.colour_type, s.interlace, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  if (s.gamma > 0) png_set_gAMA(png, info, s.gamma);
  png_color_16 key{};
  if (s.colour_key) png_set_tRNS(png, info, nullptr, 0, &key);
  png_write_info(png, info);
  const size_t row = px.size() / static_cast<size_t>(s.height);
  std::vector<png_bytep> rows;
  for (int y = 0; y < s.height; ++y)
    rows.push_back(const_cast<png_bytep>(px.data() + row * static_cast<size_t>(y)));
  png_write_image(png, rows.data());
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return out;
}

// What a grey reader should see, computed here in floating point: BT.709 luma of the encoded
// samples, alpha composited onto white.
std::vector<double> expected_grey(const PngSpec& s, const std::vector<uint8_t>& px) {
  const int n = channels_of(s.colour_type);
  std::vector<double> out;
  for (size_t i = 0; i < px.size(); i += static_cast<size_t>(n)) {
    double v = n >= 3 ? 0.2126 * px[i] + 0.7152 * px[i + 1] + 0.0722 * px[i + 2] : px[i];
    if (n == 2 || n == 4) {
      const double a = px[i + static_cast<size_t>(n) - 1] / 255.0;
      v = v * a + 255.0 * (1 - a);
    }
    out.push_back(v);
  }
  return out;
}

const int kFilters[] = {PNG_FILTER_NONE, PNG_FILTER_SUB, PNG_FILTER_UP, PNG_FILTER_AVG,
                        PNG_FILTER_PAETH};

TEST(PngDirect, GreyMatchesTheSamplesExactlyForEveryFilter) {
  for (int filter : kFilters) {
    PngSpec s;
    s.filter = filter;
    const auto px = samples(s);
    auto image = decode_png_direct(write_png(s, px), kBudget);
    ASSERT_TRUE(image.has_value()) << "filter " << filter;
    EXPECT_EQ(image->width, s.width);
    EXPECT_EQ(image->height, s.height);
    EXPECT_EQ(image->pixels, px) << "filter " << filter;
  }
}

TEST(PngDirect, ColourAndAlphaBecomeLumaOnWhiteForEveryFilter) {
  for (int colour : {PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGB_ALPHA})
    for (int filter : kFilters) {
      PngSpec s;
      s.colour_type = colour;
      s.filter = filter;
      const auto px = samples(s);
      auto image = decode_png_direct(write_png(s, px), kBudget);
      ASSERT_TRUE(image.has_value()) << "colour " << colour << " filter " << filter;
      const auto want = expected_grey(s, px);
      ASSERT_EQ(image->pixels.size(), want.size());
      for (size_t i = 0; i < want.size(); ++i)
        ASSERT_LE(std::abs(image->pixels[i] - want[i]), 1.0)
            << "colour " << colour << " filter " << filter << " pixel " << i;
    }
}

// pdftoppm -gray and many scanners write grey pages as RGB: the result is the grey itself.
TEST(PngDirect, GreyStoredAsRgbKeepsItsValues) {
  PngSpec s;
  s.colour_type = PNG_COLOR_TYPE_RGB;
  std::vector<uint8_t> grey = samples(PngSpec{}), rgb;
  for (uint8_t v : grey) rgb.insert(rgb.end(), {v, v, v});
  auto image = decode_png_direct(write_png(s, rgb), kBudget);
  ASSERT_TRUE(image.has_value());
  EXPECT_EQ(image->pixels, grey);
}

TEST(PngDirect, SrgbGammaIsAcceptedOtherGammasAreLeftToLibpng) {
  PngSpec s;
  s.gamma = 1 / 2.2;
  EXPECT_TRUE(decode_png_direct(write_png(s, samples(s)), kBudget).has_value());
  s.gamma = 1.0;
  const std::string linear = write_png(s, samples(s));
  EXPECT_FALSE(decode_png_direct(linear, kBudget).has_value());
  EXPECT_TRUE(load_grey_image(linear).ok());
}

TEST(PngDirect, DeclinedLayoutsStillLoadThroughLibpng) {
  PngSpec interlaced, sixteen_bit, keyed;
  interlaced.interlace = PNG_INTERLACE_ADAM7;
  sixteen_bit.bit_depth = 16;
  keyed.colour_key = true;
  for (const PngSpec& s : {interlaced, sixteen_bit, keyed}) {
    const std::string png = write_png(s, samples(s));
    ASSERT_FALSE(png.empty());
    EXPECT_FALSE(decode_png_direct(png, kBudget).has_value());
    auto image = load_grey_image(png);
    ASSERT_TRUE(image.ok()) << image.error().describe();
    EXPECT_EQ(image->width, s.width);
  }
  // Interlacing changes the file, not the picture: libpng's answer equals the samples.
  auto image = load_grey_image(write_png(interlaced, samples(interlaced)));
  ASSERT_TRUE(image.ok());
  EXPECT_EQ(image->pixels, samples(interlaced));
}

TEST(PngDirect, DamagedFilesAreLeftToLibpngWhichRejectsThem) {
  PngSpec s;
  const std::string good = write_png(s, samples(s));
  const size_t idat = good.find("IDAT");
  ASSERT_NE(idat, std::string::npos);

  std::string flipped = good;  // one bit of compressed data: the CRC no longer matches
  flipped[idat + 10] = static_cast<char>(flipped[idat + 10] ^ 0x01);
  EXPECT_FALSE(decode_png_direct(flipped, kBudget).has_value());
  EXPECT_FALSE(load_grey_image(flipped).ok());

  const std::string truncated = good.substr(0, idat + 20);
  EXPECT_FALSE(decode_png_direct(truncated, kBudget).has_value());
  auto r = load_grey_image(truncated);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::ImageInvalid);
}

// A header that claims fewer rows than the stream holds: the stream no longer ends where the
// rows do, and the fast path does not decide whether that is acceptable.
TEST(PngDirect, StreamLongerThanTheRowsIsLeftToLibpng) {
  PngSpec s;
  std::string png = write_png(s, samples(s));
  png[16 + 7] = static_cast<char>(s.height - 5);  // IHDR height, low byte
  const uint32_t crc =
      static_cast<uint32_t>(::crc32(0, reinterpret_cast<const Bytef*>(png.data() + 12), 17));
  for (int i = 0; i < 4; ++i) png[29 + i] = static_cast<char>(crc >> (24 - 8 * i));
  EXPECT_FALSE(decode_png_direct(png, kBudget).has_value());
}

// An ancillary chunk whose type is not four letters (§5.4): libpng refuses the file, so the
// fast path must not accept it either.
TEST(PngDirect, ChunkTypeThatIsNotLettersIsLeftToLibpng) {
  PngSpec s;
  const std::string good = write_png(s, samples(s));
  const std::string type_and_data = std::string("g\xe7MA", 4) + std::string("\0\0\xb1\x8f", 4);
  const uint32_t crc = static_cast<uint32_t>(
      ::crc32(0, reinterpret_cast<const Bytef*>(type_and_data.data()), type_and_data.size()));
  std::string chunk = std::string("\0\0\0\x04", 4) + type_and_data;
  for (int i = 0; i < 4; ++i) chunk += static_cast<char>(crc >> (24 - 8 * i));
  const std::string odd = good.substr(0, 33) + chunk + good.substr(33);  // after IHDR
  EXPECT_TRUE(decode_png_direct(good, kBudget).has_value());
  EXPECT_FALSE(decode_png_direct(odd, kBudget).has_value());
  EXPECT_FALSE(load_grey_image(odd).ok());
}

// The inflated rows must fit the budget before anything is inflated.
TEST(PngDirect, RowsBeyondTheBudgetAreLeftToLibpng) {
  PngSpec s;
  const std::string png = write_png(s, samples(s));
  const size_t inflated = static_cast<size_t>(s.height) * (s.width + 1);
  EXPECT_TRUE(decode_png_direct(png, inflated).has_value());
  EXPECT_FALSE(decode_png_direct(png, inflated - 1).has_value());
}

TEST(PngDirect, NotAPngIsDeclined) {
  EXPECT_FALSE(decode_png_direct("", kBudget).has_value());
  EXPECT_FALSE(decode_png_direct("\x89PNG\r\n\x1a\n", kBudget).has_value());
  EXPECT_FALSE(decode_png_direct("GIF89a........................", kBudget).has_value());
}

}  // namespace
}  // namespace absah::verify
