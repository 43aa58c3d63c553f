#pragma once

#include <string>
#include <string_view>

namespace haiquan::domain {

// The type of an attachment, read from its first bytes: a client's Content-Type is not
// trusted. Photos (JPEG, PNG, WebP, GIF), scanner images (TIFF, DICOM) and PDF documents;
// empty for anything else, which is refused.
std::string SniffMediaType(std::string_view bytes);

}  // namespace haiquan::domain
