#include "media/vips_thumbnailer.h"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <array>
#include <cstdint>
#include <string>

namespace haiquan::media {
namespace {

// Encodes a libvips image with a saver such as ".png" (and its options), to feed Make.
std::string Encode(VipsImage* image, const char* suffix) {
  void* buf = nullptr;
  size_t size = 0;
  EXPECT_EQ(vips_image_write_to_buffer(image, suffix, &buf, &size, nullptr), 0)
      << vips_error_buffer();
  std::string out(static_cast<const char*>(buf), size);
  g_free(buf);
  return out;
}

// A horizontal ramp from 0 to `max`, `bands` deep, in the given format.
VipsImage* Ramp(int width, int height, double max, VipsBandFormat format, int bands) {
  VipsImage *x = nullptr, *scaled = nullptr, *cast = nullptr, *joined = nullptr;
  EXPECT_EQ(vips_xyz(&x, width, height, nullptr), 0);
  VipsImage* band0 = nullptr;
  EXPECT_EQ(vips_extract_band(x, &band0, 0, nullptr), 0);
  EXPECT_EQ(vips_linear1(band0, &scaled, max / (width - 1), 0, nullptr), 0);
  EXPECT_EQ(vips_cast(scaled, &cast, format, nullptr), 0);
  if (bands > 1) {
    EXPECT_EQ(vips_bandjoin_const1(cast, &joined, 0, nullptr), 0);
    VipsImage* more = joined;
    for (int b = 2; b < bands; ++b) {
      VipsImage* next = nullptr;
      EXPECT_EQ(vips_bandjoin_const1(more, &next, 0, nullptr), 0);
      g_object_unref(more);
      more = next;
    }
    g_object_unref(cast);
    cast = more;
  }
  g_object_unref(x);
  g_object_unref(band0);
  g_object_unref(scaled);
  return cast;
}

// The decoded thumbnail: its size, bands and the largest sample.
struct Decoded {
  int width = 0, height = 0, bands = 0;
  double max = 0;
};
Decoded Decode(const std::string& jpeg) {
  Decoded d;
  VipsImage* image = vips_image_new_from_buffer(jpeg.data(), jpeg.size(), "", nullptr);
  EXPECT_NE(image, nullptr);
  if (!image) return d;
  d.width = vips_image_get_width(image);
  d.height = vips_image_get_height(image);
  d.bands = vips_image_get_bands(image);
  EXPECT_EQ(vips_max(image, &d.max, nullptr), 0);
  g_object_unref(image);
  return d;
}

uint32_t Crc32(const std::string& bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void PutBigEndian(std::string& s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
}

class VipsThumbnailerTest : public ::testing::Test {
 protected:
  // The tests make their images with libvips before the thumbnailer has started it.
  static void SetUpTestSuite() { ASSERT_EQ(VIPS_INIT("haiquan-test"), 0); }

  VipsThumbnailer thumbnailer_;
};

TEST_F(VipsThumbnailerTest, ShrinksALargePhotoToTheLongestSideAndKeepsItsShape) {
  VipsImage* photo = Ramp(2000, 1000, 255, VIPS_FORMAT_UCHAR, 3);
  std::string jpeg = Encode(photo, ".jpg");
  g_object_unref(photo);
  auto t = thumbnailer_.Make(jpeg);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->width, 320);
  EXPECT_EQ(t->height, 160);
  EXPECT_EQ(t->source_width, 2000);
  EXPECT_EQ(t->source_height, 1000);
  ASSERT_GE(t->content.size(), 3u);
  EXPECT_EQ(t->content.substr(0, 3), "\xFF\xD8\xFF");
  Decoded d = Decode(t->content);
  EXPECT_EQ(d.width, 320);
  EXPECT_EQ(d.height, 160);
  EXPECT_LT(t->content.size(), jpeg.size());
}

TEST_F(VipsThumbnailerTest, KeepsASmallImageItsSizeAndPutsTransparencyOnWhite) {
  VipsImage* rgb = Ramp(100, 50, 0, VIPS_FORMAT_UCHAR, 3);  // black
  VipsImage* rgba = nullptr;
  ASSERT_EQ(vips_bandjoin_const1(rgb, &rgba, 0, nullptr), 0);  // fully transparent
  std::string png = Encode(rgba, ".png");
  g_object_unref(rgb);
  g_object_unref(rgba);
  auto t = thumbnailer_.Make(png);
  ASSERT_TRUE(t.has_value());
  Decoded d = Decode(t->content);
  EXPECT_EQ(d.width, 100);
  EXPECT_EQ(d.height, 50);
  EXPECT_EQ(d.bands, 3);
  EXPECT_GE(d.max, 250);  // white, not the black under the transparency
}

TEST_F(VipsThumbnailerTest, StretchesTwelveBitScansSoThatTheyAreNotBlack) {
  VipsImage* scan = Ramp(1200, 800, 4095, VIPS_FORMAT_USHORT, 1);
  std::string tiff = Encode(scan, ".tif[compression=deflate]");
  g_object_unref(scan);
  auto t = thumbnailer_.Make(tiff);
  ASSERT_TRUE(t.has_value());
  Decoded d = Decode(t->content);
  EXPECT_EQ(d.width, 320);
  EXPECT_EQ(d.bands, 1);
  EXPECT_GE(d.max, 250);
}

TEST_F(VipsThumbnailerTest, ReadsGifAndWebp) {
  VipsImage* image = Ramp(640, 480, 255, VIPS_FORMAT_UCHAR, 3);
  for (const char* suffix : {".gif", ".webp"}) {
    auto t = thumbnailer_.Make(Encode(image, suffix));
    ASSERT_TRUE(t.has_value()) << suffix;
    EXPECT_EQ(t->width, 320) << suffix;
    EXPECT_EQ(t->height, 240) << suffix;
  }
  g_object_unref(image);
}

TEST_F(VipsThumbnailerTest, RefusesFormatsOutsideTheAllowedLoaders) {
  const std::string pdf =
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
      "/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
      "trailer<</Root 1 0 R>>\n%%EOF\n";
  const std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" "
      "height=\"10\"/></svg>";
  const std::string ppm = std::string("P5\n2 2\n255\n") + std::string(4, '\x7F');
  const std::string dicom = std::string(128, '\0') + "DICM" + std::string(64, '\0');
  for (const auto& bytes : {pdf, svg, ppm, dicom}) {
    EXPECT_FALSE(thumbnailer_.Make(bytes).has_value()) << bytes.substr(0, 8);
  }
}

TEST_F(VipsThumbnailerTest, RefusesDamagedBytes) {
  EXPECT_FALSE(thumbnailer_.Make("").has_value());
  EXPECT_FALSE(thumbnailer_.Make("\xFF\xD8\xFF\xE0 not really a jpeg").has_value());
  EXPECT_FALSE(thumbnailer_.Make("\x89PNG\r\n\x1A\n truncated").has_value());
}

TEST_F(VipsThumbnailerTest, RefusesACanvasLargerThanTheLimitWithoutDecodingIt) {
  VipsImage* dot = Ramp(2, 2, 255, VIPS_FORMAT_UCHAR, 1);
  std::string png = Encode(dot, ".png");
  g_object_unref(dot);
  // IHDR follows the 8-byte signature: length, "IHDR", width, height, ..., CRC over type+data.
  ASSERT_EQ(png.substr(12, 4), "IHDR");
  PutBigEndian(png, 16, 20000);
  PutBigEndian(png, 20, 20000);
  PutBigEndian(png, 29, Crc32(png.substr(12, 17)));
  static_assert(VipsThumbnailer::kMaxPixels < int64_t{20000} * 20000);
  EXPECT_FALSE(thumbnailer_.Make(png).has_value());
}

}  // namespace
}  // namespace haiquan::media
