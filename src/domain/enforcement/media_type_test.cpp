#include "domain/enforcement/media_type.h"

#include <gtest/gtest.h>

namespace haiquan::domain {
namespace {

TEST(MediaType, ReadsTheBytesNotTheName) {
  EXPECT_EQ(SniffMediaType(std::string("\xFF\xD8\xFF\xE0rest")), "image/jpeg");
  EXPECT_EQ(SniffMediaType(std::string("\x89PNG\r\n\x1A\nIHDR")), "image/png");
  EXPECT_EQ(SniffMediaType(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(SniffMediaType(std::string("II*\0\x08\0", 6)), "image/tiff");
  EXPECT_EQ(SniffMediaType("%PDF-1.7"), "application/pdf");
  EXPECT_EQ(SniffMediaType(std::string(128, '\0') + "DICM"), "application/dicom");
  EXPECT_EQ(SniffMediaType("<html><script>"), "");
  EXPECT_EQ(SniffMediaType(""), "");
  EXPECT_EQ(SniffMediaType("\xFF\xD8"), "");  // too short to be a JPEG
}

}  // namespace
}  // namespace haiquan::domain
