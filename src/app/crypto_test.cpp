#include "app/crypto.h"

#include <gtest/gtest.h>

namespace haiquan::app {
namespace {

TEST(Crypto, Sha256KnownAnswer) {
  InitCrypto();
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, HexRoundTripAndRefusal) {
  EXPECT_EQ(FromHex(ToHex("\x01\xff")).value(), "\x01\xff");
  EXPECT_FALSE(FromHex("abc"));
  EXPECT_FALSE(FromHex("zz"));
}

TEST(Crypto, TokensAreRandomAndPrefixed) {
  InitCrypto();
  auto a = RandomToken("hqs_"), b = RandomToken("hqs_");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.rfind("hqs_", 0), 0u);
  EXPECT_EQ(a.size(), 4u + 43u);  // 256 bits in base64url
}

TEST(Crypto, PasswordsVerifyOnlyThemselves) {
  InitCrypto();
  auto h = HashPassword("correct horse battery");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(h, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(h, "correct horse batterx"));
}

TEST(Crypto, SignaturesBindMessageAndKey) {
  InitCrypto();
  auto k = SigningKey::FromSeed(std::string(32, '\x07'));
  auto other = SigningKey::FromSeed(std::string(32, '\x08'));
  auto sig = k.Sign("head 42");
  EXPECT_TRUE(VerifySignature(k.public_key_hex(), "head 42", sig));
  EXPECT_FALSE(VerifySignature(k.public_key_hex(), "head 43", sig));
  EXPECT_FALSE(VerifySignature(other.public_key_hex(), "head 42", sig));
  EXPECT_FALSE(VerifySignature("zz", "head 42", sig));
}

}  // namespace
}  // namespace haiquan::app
