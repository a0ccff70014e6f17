#include "engine/sign/pkcs11_uri.h"

#include <gtest/gtest.h>

namespace absah::sign {
namespace {

TEST(Pkcs11Uri, ParsesPathAndQueryAttributes) {
  auto uri = parse_pkcs11_uri(
      "pkcs11:token=Dukcapil%20Mataram;object=signing-ec;id=%01%02?pin-source=file:/run/pin&"
      "module-path=/usr/lib/softhsm/libsofthsm2.so");
  ASSERT_TRUE(uri.ok()) << uri.error().describe();
  EXPECT_EQ(uri->token, "Dukcapil Mataram");
  EXPECT_EQ(uri->object, "signing-ec");
  EXPECT_TRUE(uri->has_id);
  EXPECT_EQ(uri->id, (std::vector<uint8_t>{1, 2}));
  EXPECT_EQ(uri->pin_source, "file:/run/pin");
  EXPECT_EQ(uri->module_path, "/usr/lib/softhsm/libsofthsm2.so");
}

TEST(Pkcs11Uri, AcceptsPinValueInThePathAndRedactsIt) {
  auto uri = parse_pkcs11_uri("pkcs11:token=t;object=k;pin-value=123456");
  ASSERT_TRUE(uri.ok()) << uri.error().describe();
  EXPECT_EQ(uri->pin_value, "123456");
  std::string shown = uri->redacted();
  EXPECT_EQ(shown.find("123456"), std::string::npos) << shown;
  EXPECT_NE(shown.find("pin-value=***"), std::string::npos) << shown;
}

TEST(Pkcs11Uri, RejectsMalformedInput) {
  EXPECT_FALSE(parse_pkcs11_uri("pkcs12:token=t;object=k").ok());
  EXPECT_FALSE(parse_pkcs11_uri("pkcs11:token=t").ok());  // no key named
  EXPECT_FALSE(parse_pkcs11_uri("pkcs11:token=t;object=k;colour=red").ok());
  EXPECT_FALSE(parse_pkcs11_uri("pkcs11:object=k%4").ok());
  EXPECT_FALSE(parse_pkcs11_uri("pkcs11:object=k%zz").ok());
  EXPECT_FALSE(parse_pkcs11_uri("pkcs11:object=k;type=cert").ok());
  EXPECT_FALSE(parse_pkcs11_uri("pkcs11:object=k;slot-id=x1").ok());
  EXPECT_FALSE(parse_pkcs11_uri("pkcs11:object=k?pin-value=1&pin-source=/f").ok());
  EXPECT_TRUE(parse_pkcs11_uri("pkcs11:object=k;x-vendor=1;slot-id=3").ok());
}

}  // namespace
}  // namespace absah::sign
