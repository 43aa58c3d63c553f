#pragma once

#include <string>

namespace haiquan::cli {

// A 32-byte secret (the pepper, the audit signing key's seed), kept as 64 hex characters in a
// file outside the repository and the database, or given directly in an environment variable.
// Order: the value in `env_value` if that variable is set, else the file at `path`; a missing
// file is created with fresh random bytes (mode 0600) when `create` is set. Throws
// std::runtime_error (start-up only).
std::string LoadSecret(const std::string& path, const char* env_value, bool create,
                       const std::string& what);

}  // namespace haiquan::cli
