#include "domain/enforcement/media_type.h"

namespace haiquan::domain {

std::string SniffMediaType(std::string_view b) {
  auto starts = [&](std::string_view magic, size_t at = 0) {
    return b.size() >= at + magic.size() && b.substr(at, magic.size()) == magic;
  };
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts("\x89PNG\r\n\x1A\n")) return "image/png";
  if (starts("RIFF") && starts("WEBP", 8)) return "image/webp";
  if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
  if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) {
    return "image/tiff";
  }
  if (starts("DICM", 128)) return "application/dicom";
  if (starts("%PDF-")) return "application/pdf";
  return "";
}

}  // namespace haiquan::domain
