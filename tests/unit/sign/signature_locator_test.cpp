#include "engine/sign/signature_locator.h"

#include <gtest/gtest.h>

#include <string>

namespace absah::sign {
namespace {

// A signature dictionary with `digits` as its Contents, after some filler that holds other
// names (a page's /Contents reference among them) and zero runs that are not placeholders.
std::string sig_pdf(const std::string& digits) {
  return "%PDF-1.7\n3 0 obj <</Type/Page/Contents 4 0 R>> endobj\n"
         "4 0 obj <</Length 8>>stream\n00000000endstream endobj\n"
         "5 0 obj <</Type/Sig/ByteRange" +
         std::string(kByteRangePlaceholder) + "/Contents<" + digits + ">>> endobj\n%%EOF\n";
}

TEST(SignatureLocator, FindsAllZeroContentsOfEveryLength) {
  for (size_t n = 2; n <= 40; n += 2) {
    const std::string pdf = sig_pdf(std::string(n, '0'));
    auto found = find_placeholders(pdf);
    ASSERT_TRUE(found) << n << ": " << found.error().describe();
    EXPECT_EQ(pdf[found->contents_open], '<');
    EXPECT_EQ(found->contents_close - found->contents_open - 1, n);
    EXPECT_EQ(pdf.substr(found->byte_range_open, kByteRangePlaceholder.size()),
              kByteRangePlaceholder);
  }
}

TEST(SignatureLocator, AnyOtherDigitAnywhereIsNotAPlaceholder) {
  for (size_t n = 2; n <= 34; n += 2) {
    for (size_t at = 0; at < n; ++at) {
      std::string digits(n, '0');
      digits[at] = '1';
      auto found = find_placeholders(sig_pdf(digits));
      ASSERT_FALSE(found) << "length " << n << ", digit at " << at;
      EXPECT_NE(found.error().message.find("found 0"), std::string::npos);
    }
  }
}

TEST(SignatureLocator, OddDigitCountsAndPrefixedKeysAreRefused) {
  auto odd = find_placeholders(sig_pdf(std::string(17, '0')));
  ASSERT_FALSE(odd);
  EXPECT_NE(odd.error().message.find("odd number"), std::string::npos);

  std::string prefixed = sig_pdf("0000");
  prefixed.replace(prefixed.find("/ByteRange"), 10, "/ByteRangeX");
  EXPECT_FALSE(find_placeholders(prefixed)) << "/ByteRangeX is another name";
}

TEST(SignatureLocator, LastByteRangeIsRead) {
  const std::string pdf = "/ByteRange [0 10 20 30] x /ByteRange[ 1 2 3 4 ]";
  auto br = find_last_byte_range(pdf);
  ASSERT_TRUE(br);
  EXPECT_TRUE(br->well_formed);
  EXPECT_EQ(br->key_offset, pdf.rfind("/ByteRange"));
  EXPECT_EQ(br->values, (std::array<uint64_t, 4>{1, 2, 3, 4}));
  EXPECT_FALSE(find_last_byte_range("no keys here"));
}

}  // namespace
}  // namespace absah::sign
