#include "engine/verify/qr_scan.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "engine/seal/base32.h"
#include "engine/seal/seal.h"
#include "tests/unit/verify/image_test_support.h"

namespace absah::verify {
namespace {

using namespace absah::verify::testing;

// A worst-case seal URL: 60-character name, the longest number format, default base URL. The
// signature bytes come from a seeded generator instead of ECDSA (whose signatures are random),
// so that every run reads the same symbol; the reader does not check signatures.
std::string worst_case_url(uint32_t seed = 1) {
  seal::SealPayload p;
  p.document_type = "sk_pindah_luar_negeri";
  p.document_number = "SKPWNI/5271/22032021/0101";
  p.issue_date = 20700;
  p.office = 5271;
  p.subject_id = "5271015203900001";
  p.subject_name = std::string("MUHAMMAD ") + std::string(51, 'W');  // 60 characters
  p.record_digest = std::string(32, '\x11');
  std::mt19937 rng(seed);
  std::string kid(8, '\0'), signature(64, '\0');
  for (char& c : kid) c = static_cast<char>(rng() & 0xFF);
  for (char& c : signature) c = static_cast<char>(rng() & 0xFF);
  using seal::CborValue;
  std::string protected_bytes =
      seal::encode_cbor(CborValue::map({{CborValue::uint(1), CborValue::integer(-7)},
                                        {CborValue::uint(4), CborValue::byte_string(kid)}}));
  std::string cose = seal::encode_cbor(CborValue::tag(
      18, CborValue::array({CborValue::byte_string(protected_bytes), CborValue::map({}),
                            CborValue::byte_string(seal::encode_cbor(*seal::payload_to_cbor(p))),
                            CborValue::byte_string(signature)})));
  return std::string(seal::kDefaultBaseUrl) + "/v/" + seal::base32_encode(cose);
}

GreyImage qr_image(const std::string& text, int module_px = 4) {
  auto m = qr::encode_qr(text, qr::QrEcLevel::M);
  EXPECT_TRUE(m.ok());
  return render_qr(*m, module_px, 4);
}

std::vector<QrFound> scan(const GreyImage& img) {
  auto r = scan_qr(img);
  EXPECT_TRUE(r.ok()) << r.error().describe();
  return r.ok() ? *r : std::vector<QrFound>{};
}

void expect_reads(const GreyImage& img, const std::string& text, const char* what) {
  auto found = scan(img);
  ASSERT_EQ(found.size(), 1u) << what;
  EXPECT_EQ(found[0].text, text) << what;
}

TEST(QrScan, ReadsRenderedMatrix) {
  const std::string url = worst_case_url();
  GreyImage img = qr_image(url);
  auto found = scan(img);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].text, url);
  EXPECT_EQ(found[0].pass, QrScanPass::Direct);
  // The symbol starts after the 4-module quiet zone (16 px); corners lie near it.
  EXPECT_NEAR(found[0].corners[0].x, 16, 4);
  EXPECT_NEAR(found[0].corners[0].y, 16, 4);
}

TEST(QrScan, Rotated90) {
  const std::string url = worst_case_url();
  expect_reads(rotate90(qr_image(url)), url, "90 degrees");
}

TEST(QrScan, Rotated7Bilinear) {
  const std::string url = worst_case_url();
  expect_reads(rotate_bilinear(qr_image(url), 7.0), url, "7 degrees");
  expect_reads(rotate_bilinear(qr_image(url), 45.0), url, "45 degrees");
  expect_reads(rotate_bilinear(qr_image(url), 173.0), url, "173 degrees");
}

TEST(QrScan, BoxBlurred) {
  const std::string url = worst_case_url();
  expect_reads(box_blur(qr_image(url), 1), url, "3x3 box blur");
  expect_reads(box_blur(qr_image(url), 2), url, "5x5 box blur");
}

TEST(QrScan, AfterJpegQuality40) {
  const std::string url = worst_case_url();
  auto jpeg = load_grey_image(encode_jpeg(qr_image(url), 40));
  ASSERT_TRUE(jpeg.ok());
  expect_reads(*jpeg, url, "JPEG q40");
  auto rotated = load_grey_image(encode_jpeg(rotate_bilinear(qr_image(url), 7.0), 40));
  ASSERT_TRUE(rotated.ok());
  expect_reads(*rotated, url, "7 degrees then JPEG q40");
}

TEST(QrScan, NothingOnABlankOrNoisyPage) {
  EXPECT_TRUE(scan(blank(400, 300)).empty());
  GreyImage noise = blank(300, 300);
  std::mt19937 rng(7);
  for (auto& p : noise.pixels) p = static_cast<uint8_t>(rng() & 0xFF);
  EXPECT_TRUE(scan(noise).empty());
  EXPECT_FALSE(scan_qr(GreyImage{}).ok());
}

TEST(QrScan, TwoCodesOnOnePage) {
  GreyImage page = blank(600, 300);
  GreyImage a = qr_image("http://localhost:8080/v/AAAA");
  GreyImage b = qr_image("http://localhost:8080/v/BBBB");
  paste(page, a, 10, 10);
  paste(page, b, 320, 10);
  auto found = scan(page);
  ASSERT_EQ(found.size(), 2u);
  std::set<std::string> texts{found[0].text, found[1].text};
  EXPECT_TRUE(texts.count("http://localhost:8080/v/AAAA"));
  EXPECT_TRUE(texts.count("http://localhost:8080/v/BBBB"));
}

// Independent reader: zbarimg (ZBar) must decode the PNG we render to the same text.
TEST(QrScan, ZbarimgAgrees) {
  if (std::system("command -v zbarimg >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "zbarimg not installed";
  const std::string url = worst_case_url();
  auto path =
      std::filesystem::temp_directory_path() / ("absah_qr_" + std::to_string(getpid()) + ".png");
  std::ofstream(path, std::ios::binary) << encode_png(qr_image(url));
  std::string cmd = "zbarimg -q --raw --set '*.enable=0' --set qrcode.enable=1 " + path.string();
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::array<char, 512> buf;
  while (fgets(buf.data(), buf.size(), p)) out += buf.data();
  int status = pclose(p);
  std::filesystem::remove(path);
  EXPECT_EQ(status, 0);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  EXPECT_EQ(out, url);
}

// A page-sized image at the given dpi with the seal drawn at 0.5 mm modules (the issue's floor
// for paper) in the lower right, and text-like clutter elsewhere.
GreyImage page_image(int dpi, const std::string& url) {
  const int w = static_cast<int>(210 / 25.4 * dpi), h = static_cast<int>(297 / 25.4 * dpi);
  GreyImage page = blank(w, h);
  std::mt19937 rng(42);
  for (int line = 0; line < 40; ++line) {
    int y = dpi + line * dpi / 4;
    for (int x = dpi; x < w - dpi;) {
      int word = 20 + static_cast<int>(rng() % 60);
      for (int yy = y; yy < y + dpi / 12; ++yy)
        for (int xx = x; xx < std::min(x + word, w - dpi); ++xx)
          page.pixels[static_cast<size_t>(yy) * w + xx] = 30;
      x += word + 10;
    }
  }
  const int module_px = std::max(1, static_cast<int>(std::lround(0.5 / 25.4 * dpi)));
  GreyImage qr = qr_image(url, module_px);
  paste(page, qr, w - qr.width - dpi / 2, h - qr.height - dpi / 2);
  return page;
}

TEST(QrScan, PageImagesAndTiming) {
  for (uint32_t seed : {1u, 2u, 3u, 4u})
    for (int dpi : {150, 200}) {
      const std::string url = worst_case_url(seed);
      GreyImage page = page_image(dpi, url);
      struct Case {
        const char* name;
        GreyImage image;
      };
      std::vector<Case> cases;
      cases.push_back({"straight", page});
      cases.push_back({"rotated 90", rotate90(page)});
      cases.push_back({"rotated 7", rotate_bilinear(page, 7.0)});
      cases.push_back({"blurred", box_blur(page, 1)});
      cases.push_back({"jpeg q40", *load_grey_image(encode_jpeg(page, 40))});
      for (const auto& c : cases) {
        auto t0 = std::chrono::steady_clock::now();
        auto found = scan(c.image);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                        .count();
        ASSERT_EQ(found.size(), 1u) << dpi << " dpi " << c.name << " seed " << seed;
        EXPECT_EQ(found[0].text, url);
        if (seed == 1)
          std::printf("[ timing ] %d dpi %dx%d %-10s %7.1f ms (pass: %s)\n", dpi, c.image.width,
                      c.image.height, c.name, ms, std::string(to_string(found[0].pass)).c_str());
      }
    }
}

TEST(QrScan, LargePhotoUsesDownscaledPass) {
  // A 6000x4500 "photo" with a QR of 16 px modules: found directly or on the downscaled copy.
  const std::string url = worst_case_url();
  GreyImage photo = blank(6000, 4500, 235);
  paste(photo, qr_image(url, 16), 2500, 1500);
  auto t0 = std::chrono::steady_clock::now();
  auto found = scan(photo);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].text, url);
  EXPECT_NEAR(found[0].corners[0].x, 2500 + 64, 48);  // corners mapped back to full resolution
  std::printf("[ timing ] photo 6000x4500 %7.1f ms (pass: %s)\n", ms,
              std::string(to_string(found[0].pass)).c_str());
}

}  // namespace
}  // namespace absah::verify
