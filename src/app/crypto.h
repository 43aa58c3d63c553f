#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace haiquan::app {

// The few primitives identity and audit need, all from libsodium.

// Throws std::runtime_error if libsodium cannot start (start-up only).
void InitCrypto();

std::string ToHex(std::string_view bytes);
std::optional<std::string> FromHex(std::string_view hex);

std::string Sha256Hex(std::string_view data);
// HMAC-SHA-256 keyed with a secret (the pepper), as raw bytes.
std::string KeyedHash(std::string_view key, std::string_view data);
// `bytes` random bytes, base64url without padding, after `prefix` ("hqs_", "hqk_").
std::string RandomToken(std::string_view prefix, size_t bytes = 32);
std::string RandomBytes(size_t n);

// Argon2id with libsodium's interactive limits; the result carries its own salt and limits.
std::string HashPassword(std::string_view password);
bool VerifyPassword(const std::string& stored, std::string_view password);

// An Ed25519 key pair from a 32-byte seed.
class SigningKey {
 public:
  static SigningKey FromSeed(std::string_view seed32);
  std::string Sign(std::string_view message) const;  // hex signature
  const std::string& public_key_hex() const { return public_hex_; }

 private:
  std::array<unsigned char, 64> secret_{};
  std::string public_hex_;
};

bool VerifySignature(std::string_view public_key_hex, std::string_view message,
                     std::string_view signature_hex);

}  // namespace haiquan::app
