#include "app/crypto.h"

#include <sodium.h>

#include <stdexcept>

namespace haiquan::app {
namespace {

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

void InitCrypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string ToHex(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), U(bytes), bytes.size());
  out.pop_back();
  return out;
}

std::optional<std::string> FromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out(hex.size() / 2, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                     hex.size(), nullptr, &len, &end) != 0 ||
      len != out.size() || end != hex.data() + hex.size()) {
    return std::nullopt;
  }
  return out;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, U(data), data.size());
  return ToHex(std::string_view(reinterpret_cast<char*>(out), sizeof out));
}

std::string KeyedHash(std::string_view key, std::string_view data) {
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, U(key), key.size());
  crypto_auth_hmacsha256_update(&st, U(data), data.size());
  std::string out(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_final(&st, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

std::string RandomToken(std::string_view prefix, size_t bytes) {
  std::string raw = RandomBytes(bytes);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string b64(sodium_base64_ENCODED_LEN(bytes, kVariant), '\0');
  sodium_bin2base64(b64.data(), b64.size(), U(raw), raw.size(), kVariant);
  b64.resize(std::char_traits<char>::length(b64.c_str()));
  return std::string(prefix) + b64;
}

std::string HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool VerifyPassword(const std::string& stored, std::string_view password) {
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

SigningKey SigningKey::FromSeed(std::string_view seed) {
  if (seed.size() != crypto_sign_SEEDBYTES) {
    throw std::runtime_error("a signing key seed is 32 bytes");
  }
  SigningKey k;
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(pk, k.secret_.data(), U(seed));
  k.public_hex_ = ToHex(std::string_view(reinterpret_cast<char*>(pk), sizeof pk));
  return k;
}

std::string SigningKey::Sign(std::string_view message) const {
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, U(message), message.size(), secret_.data());
  return ToHex(std::string_view(reinterpret_cast<char*>(sig), sizeof sig));
}

bool VerifySignature(std::string_view public_key_hex, std::string_view message,
                     std::string_view signature_hex) {
  auto pk = FromHex(public_key_hex);
  auto sig = FromHex(signature_hex);
  if (!pk || !sig || pk->size() != crypto_sign_PUBLICKEYBYTES || sig->size() != crypto_sign_BYTES) {
    return false;
  }
  return crypto_sign_verify_detached(U(*sig), U(message), message.size(), U(*pk)) == 0;
}

}  // namespace haiquan::app
