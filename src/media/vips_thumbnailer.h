#pragma once

#include <cstdint>

#include "app/ports/thumbnailer.h"

namespace haiquan::media {

// Thumbnails with libvips. Only the loaders for the photo and scanner formats that attachments
// accept (JPEG, PNG, WebP, GIF, TIFF) are enabled, process-wide: every other libvips loader
// (ImageMagick, PDF, SVG, ...) is blocked, so bytes that pass sniffing as one type cannot reach
// a larger decoder. DICOM and PDF attachments get no thumbnail.
class VipsThumbnailer final : public app::Thumbnailer {
 public:
  // Images with more pixels than this are not decoded (a small file can declare a huge canvas).
  static constexpr int64_t kMaxPixels = 200'000'000;

  std::optional<app::Thumbnail> Make(std::string_view bytes) const override;
};

}  // namespace haiquan::media
