#include "media/vips_thumbnailer.h"

#include <vips/vips.h>

#include <algorithm>
#include <mutex>

namespace haiquan::media {
namespace {

// Owns one reference to a libvips image.
class Image {
 public:
  Image() = default;
  explicit Image(VipsImage* p) : p_(p) {}
  ~Image() {
    if (p_) g_object_unref(p_);
  }
  Image(const Image&) = delete;
  Image& operator=(const Image&) = delete;
  Image& operator=(Image&& other) noexcept {
    std::swap(p_, other.p_);
    return *this;
  }

  VipsImage* get() const { return p_; }
  VipsImage** out() { return &p_; }
  // Replaces this image with the one an operation wrote into `next`.
  void Take(Image& next) { std::swap(p_, next.p_); }

 private:
  VipsImage* p_ = nullptr;
};

constexpr int kSide = app::Thumbnailer::kMaxSide;

// The loaders for what attachments accept as photos and scans (see domain::SniffMediaType).
constexpr const char* kAllowedLoaders[] = {"VipsForeignLoadJpeg", "VipsForeignLoadPng",
                                           "VipsForeignLoadWebp", "VipsForeignLoadNsgif",
                                           "VipsForeignLoadTiff"};

// Damaged uploads are expected; libvips' warnings about them are not the server's to print.
void Quiet(const gchar*, GLogLevelFlags, const gchar*, gpointer) {}

bool StartOnce() {
  static bool started = false;
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("haiquan") != 0) return;
    vips_concurrency_set(1);  // one thread per thumbnail: the caller's pool bounds the rest
    vips_cache_set_max(0);    // evidence is not kept in a cache
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    for (const char* loader : kAllowedLoaders) vips_operation_block_set(loader, FALSE);
    g_log_set_handler("VIPS",
                      static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE), Quiet,
                      nullptr);
    started = true;
  });
  return started;
}

// The thumbnail of an 8-bit image. Shrink-on-load where the format allows it (JPEG, WebP):
// a large photo decodes at an eighth of its size.
bool Photo(std::string_view bytes, Image& image) {
  Image next;
  if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), image.out(), kSide,
                            "height", kSide, "size", VIPS_SIZE_DOWN, nullptr) != 0) {
    return false;
  }
  if (!vips_image_hasalpha(image.get())) return true;
  VipsArrayDouble* white = vips_array_double_newv(1, 255.0);
  int rc = vips_flatten(image.get(), next.out(), "background", white, nullptr);
  vips_area_unref(VIPS_AREA(white));
  if (rc != 0) return false;
  image.Take(next);
  return true;
}

// The thumbnail of a scan of 12 or 16 bits per sample: shrunk at full depth, then stretched to
// the 8-bit range (libvips' own conversion divides by 256, and an X-ray image of 12-bit values
// comes out nearly black). Transparency is dropped: scanners do not write it.
bool Scan(Image& header, Image& image) {
  Image next;
  image.Take(header);
  int bands = vips_image_get_bands(image.get());
  if (vips_image_hasalpha(image.get())) {
    if (vips_extract_band(image.get(), next.out(), 0, "n", bands - 1, nullptr) != 0) return false;
    image.Take(next);
    --bands;
  }
  double longest = std::max(vips_image_get_width(image.get()), vips_image_get_height(image.get()));
  if (longest > kSide) {
    if (vips_resize(image.get(), next.out(), kSide / longest, nullptr) != 0) return false;
    image.Take(next);
  }
  // vips_scale reads the pixels twice (range, then stretch): from memory, not the decoder.
  next = Image(vips_image_copy_memory(image.get()));
  if (!next.get()) return false;
  image.Take(next);
  if (vips_scale(image.get(), next.out(), nullptr) != 0) return false;
  image.Take(next);
  auto look = bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W;
  if (vips_copy(image.get(), next.out(), "interpretation", look, nullptr) != 0) return false;
  image.Take(next);
  return true;
}

std::optional<app::Thumbnail> Failed() {
  vips_error_clear();
  return std::nullopt;
}

}  // namespace

std::optional<app::Thumbnail> VipsThumbnailer::Make(std::string_view bytes) const {
  if (bytes.empty() || !StartOnce()) return std::nullopt;
  // The header first: its size decides whether the pixels are worth decoding at all.
  Image header(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access",
                                          VIPS_ACCESS_SEQUENTIAL, nullptr));
  if (!header.get()) return Failed();
  int64_t width = vips_image_get_width(header.get());
  int64_t height = vips_image_get_height(header.get());
  if (width <= 0 || height <= 0 || width * height > kMaxPixels) return Failed();

  Image image;
  bool ok = header.get()->BandFmt == VIPS_FORMAT_UCHAR ? Photo(bytes, image) : Scan(header, image);
  if (!ok) return Failed();
  void* out = nullptr;
  size_t out_size = 0;
  // Strip metadata: a photo's EXIF may carry the camera's position.
  if (vips_jpegsave_buffer(image.get(), &out, &out_size, "Q", 80, "strip", TRUE, nullptr) != 0) {
    return Failed();
  }
  app::Thumbnail t;
  t.content.assign(static_cast<const char*>(out), out_size);
  g_free(out);
  t.width = vips_image_get_width(image.get());
  t.height = vips_image_get_height(image.get());
  t.source_width = static_cast<int>(width);
  t.source_height = static_cast<int>(height);
  return t;
}

}  // namespace haiquan::media
