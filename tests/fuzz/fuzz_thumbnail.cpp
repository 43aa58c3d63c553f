// Thumbnails of uploaded images: any bytes, not only those that sniff as an image, so that the
// allowlist of libvips loaders is tried too; then our handling of what the decoders return
// (transparency, 16-bit scans, sizes). A thumbnail, when there is one, must be a JPEG within
// the size limit and no larger than its source.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.h"
#include "media/vips_thumbnailer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using haiquan::fuzz::Check;
  static const haiquan::media::VipsThumbnailer thumbnailer;
  constexpr int kSide = haiquan::app::Thumbnailer::kMaxSide;
  auto t = thumbnailer.Make(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!t) return 0;
  Check(t->content.size() > 3 && t->content.compare(0, 3, "\xFF\xD8\xFF") == 0, "not a JPEG");
  Check(t->width > 0 && t->height > 0 && t->width <= kSide && t->height <= kSide,
        "a thumbnail outside the size limit");
  Check(t->width <= t->source_width && t->height <= t->source_height,
        "a thumbnail larger than its source");
  return 0;
}
