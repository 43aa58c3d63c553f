#include "cli/secrets.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "app/crypto.h"
#include "cli/context.h"

namespace haiquan::cli {
namespace {

std::string Decode(std::string text, const std::string& origin, const std::string& what) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  auto bytes = app::FromHex(text);
  if (!bytes || bytes->size() != 32) {
    throw std::runtime_error(what + " in " + origin + " must be 64 hexadecimal characters");
  }
  return *bytes;
}

}  // namespace

std::string LoadSecret(const std::string& path, const char* env_value, bool create,
                       const std::string& what) {
  if (const char* v = std::getenv(env_value); v && *v) {
    return Decode(v, "$" + std::string(env_value), what);
  }
  if (std::filesystem::exists(path)) {
    struct stat st {};
    if (stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
      spdlog::warn("{} {} is readable by other users; chmod 600 it", what, path);
    }
    return Decode(ReadFile(path), path, what);
  }
  if (!create) throw std::runtime_error(what + " " + path + " does not exist");
  std::string secret = app::RandomBytes(32);
  std::string hex = app::ToHex(secret) + "\n";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + what + " " + path);
  bool ok =
      ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write " + what + " " + path);
  spdlog::info("created {} {} (keep it out of backups of the database)", what, path);
  return secret;
}

}  // namespace haiquan::cli
