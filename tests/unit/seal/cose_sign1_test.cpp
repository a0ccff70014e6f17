#include "engine/seal/cose_sign1.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "engine/seal/base32.h"
#include "tests/unit/seal/seal_test_support.h"

namespace absah::seal {
namespace {

using testing::new_key;

TEST(CoseSign1, SignThenParseAndVerify) {
  SealKey key = new_key();
  auto cose = cose_sign1_sign("payload bytes", key);
  ASSERT_TRUE(cose.ok()) << cose.error().describe();
  // Tag 18 (0xd2), array of 4 (0x84), protected bstr of 13 bytes (0x4d):
  // a2 01 26 04 48 <kid> = {1: -7, 4: h'<8 bytes>'}.
  ASSERT_GT(cose->size(), 16u);
  EXPECT_EQ(cose->substr(0, 8), std::string("\xd2\x84\x4d\xa2\x01\x26\x04\x48", 8));
  EXPECT_EQ(cose->substr(8, 8), key.kid());

  auto item = decode_cbor(*cose);
  ASSERT_TRUE(item.ok());
  auto parsed = cose_sign1_from_cbor(*item);
  ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
  EXPECT_EQ(parsed->kid, key.kid());
  EXPECT_EQ(parsed->payload, "payload bytes");
  EXPECT_EQ(parsed->signature.size(), 64u);

  auto pub = SealPublicKey::from_pem(*key.public_key_pem());
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->kid(), key.kid());
  std::string signed_bytes = sig_structure(parsed->protected_bytes, parsed->payload);
  EXPECT_TRUE(pub->verify_es256(signed_bytes, parsed->signature));
  EXPECT_FALSE(pub->verify_es256(sig_structure(parsed->protected_bytes, "payload bytez"),
                                 parsed->signature));
  std::string flipped = parsed->signature;
  flipped[10] ^= 1;
  EXPECT_FALSE(pub->verify_es256(signed_bytes, flipped));
  EXPECT_FALSE(pub->verify_es256(signed_bytes, parsed->signature.substr(0, 63)));
}

TEST(CoseSign1, SigStructureIsRfc9052Section4_4) {
  // ["Signature1", h'A10126', h'', h'01'] — 84 6a "Signature1" 43 a10126 40 41 01
  std::string expected =
      std::string("\x84\x6a", 2) + "Signature1" + std::string("\x43\xa1\x01\x26\x40\x41\x01", 7);
  EXPECT_EQ(sig_structure(std::string("\xa1\x01\x26", 3), "\x01"), expected);
}

TEST(CoseSign1, StructureErrors) {
  SealKey key = new_key();
  auto good = decode_cbor(*cose_sign1_sign("p", key));
  ASSERT_TRUE(good.ok());

  auto expect_structure = [](const CborValue& v, const char* what) {
    auto r = cose_sign1_from_cbor(v);
    ASSERT_FALSE(r.ok()) << what;
    EXPECT_FALSE(is_bad_cbor(r.error())) << what << ": " << r.error().message;
  };
  expect_structure(good->items[0], "untagged");
  expect_structure(CborValue::tag(98, good->items[0]), "COSE_Sign (multi) tag");
  CborValue three = *good;
  three.items[0].items.pop_back();
  expect_structure(three, "3 elements");
  CborValue unprot = *good;
  unprot.items[0].items[1] = CborValue::map({{CborValue::uint(4), CborValue::byte_string("x")}});
  expect_structure(unprot, "non-empty unprotected");
  CborValue short_sig = *good;
  short_sig.items[0].items[3].bytes.pop_back();
  expect_structure(short_sig, "63-byte signature");
  CborValue es384 = *good;
  es384.items[0].items[0].bytes =
      encode_cbor(CborValue::map({{CborValue::uint(1), CborValue::integer(-35)},
                                  {CborValue::uint(4), CborValue::byte_string(key.kid())}}));
  expect_structure(es384, "alg ES384");
  CborValue no_kid = *good;
  no_kid.items[0].items[0].bytes =
      encode_cbor(CborValue::map({{CborValue::uint(1), CborValue::integer(-7)}}));
  expect_structure(no_kid, "no kid");

  CborValue broken = *good;
  broken.items[0].items[0].bytes = "\xa1\x01\x18";  // value: truncated argument at 2
  auto r = cose_sign1_from_cbor(broken);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(is_bad_cbor(r.error()));
  EXPECT_EQ(r.error().offset, 2u);
}

// Independent check: Python's `cryptography` (OpenSSL-independent code path for the COSE
// framing: it rebuilds Sig_structure by hand) verifies our ES256 signature.
TEST(CoseSign1, IndependentVerifierAccepts) {
  if (std::system("python3 -c 'import cryptography' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3 with cryptography not available";
  SealKey key = new_key();
  std::string payload = "\xa1\x01\x01";
  auto cose = cose_sign1_sign(payload, key);
  ASSERT_TRUE(cose.ok());
  auto dir = std::filesystem::temp_directory_path() / ("absah_cose_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "pub.pem") << *key.public_key_pem();
  std::ofstream(dir / "cose.bin", std::ios::binary) << *cose;
  std::ofstream(dir / "check.py") << R"PY(
import sys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
d = sys.argv[1]
b = open(d + "/cose.bin", "rb").read()
assert b[0] == 0xd2 and b[1] == 0x84           # tag 18, array(4)
assert b[2] == 0x4d                             # protected bstr(13)
prot = b[3:16]
assert prot[:4] == bytes([0xa2, 0x01, 0x26, 0x04])
assert b[16] == 0xa0                            # empty unprotected map
assert b[17] == 0x43                            # payload bstr(3)
payload = b[18:21]
assert b[21] == 0x58 and b[22] == 64            # signature bstr(64)
sig = b[23:87]
assert len(b) == 87
sig_structure = bytes([0x84, 0x6a]) + b"Signature1" + bytes([0x4d]) + prot + bytes([0x40, 0x43]) + payload
pub = serialization.load_pem_public_key(open(d + "/pub.pem", "rb").read())
der = encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big"))
pub.verify(der, sig_structure, ec.ECDSA(hashes.SHA256()))
print("ok")
)PY";
  std::string cmd = "python3 " + (dir / "check.py").string() + " " + dir.string() + " >/dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace absah::seal
