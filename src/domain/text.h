#pragma once

#include <string_view>

namespace haiquan::domain {

// Control characters break logs, exports and terminals, and have no place in names, codes or
// references. Narratives may keep line breaks and tabs.
inline bool HasControlCharacters(std::string_view s, bool allow_line_breaks = false) {
  for (unsigned char c : s) {
    if (allow_line_breaks && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace haiquan::domain
