#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace haiquan::app {

// A small preview of an attached image, so that a gallery or a result list does not fetch
// megabytes of evidence per picture.
struct Thumbnail {
  std::string content;  // JPEG
  int width = 0;        // of the thumbnail
  int height = 0;
  int source_width = 0;  // of the attached image
  int source_height = 0;
};

// Makes thumbnails from untrusted bytes. Implementations decode outside input and must fail
// closed: nothing for a type they do not read safely, damaged bytes or too many pixels.
class Thumbnailer {
 public:
  virtual ~Thumbnailer() = default;
  // The longest side of a thumbnail; smaller images keep their size.
  static constexpr int kMaxSide = 320;
  virtual std::optional<Thumbnail> Make(std::string_view bytes) const = 0;
};

}  // namespace haiquan::app
