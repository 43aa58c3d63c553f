#include "http/profile_xlsx.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace haiquan::http {
namespace {

namespace fs = std::filesystem;

// Just enough of a ZIP reader to look inside the workbook without an unzip tool: the central
// directory lists the entries, and each is stored or raw-deflated (zlib is libxlsxwriter's own
// dependency, so it is linked already).
struct ZipEntry {
  std::string name;
  uint16_t method = 0;
  uint32_t compressed_size = 0;
  uint32_t size = 0;
  uint32_t local_offset = 0;
};

uint32_t Le(const std::string& b, size_t at, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b.at(at + i));
  return v;
}

std::vector<ZipEntry> Entries(const std::string& zip) {
  std::vector<ZipEntry> out;
  if (zip.size() < 22) return out;
  size_t end = zip.size() - 22;
  while (Le(zip, end, 4) != 0x06054b50) {
    if (end == 0) return out;
    --end;
  }
  size_t n = Le(zip, end + 10, 2);
  size_t at = Le(zip, end + 16, 4);
  for (size_t i = 0; i < n; ++i) {
    if (Le(zip, at, 4) != 0x02014b50) return {};
    ZipEntry e;
    e.method = static_cast<uint16_t>(Le(zip, at + 10, 2));
    e.compressed_size = Le(zip, at + 20, 4);
    e.size = Le(zip, at + 24, 4);
    size_t name_len = Le(zip, at + 28, 2);
    size_t extra_len = Le(zip, at + 30, 2);
    size_t comment_len = Le(zip, at + 32, 2);
    e.local_offset = Le(zip, at + 42, 4);
    e.name = zip.substr(at + 46, name_len);
    out.push_back(e);
    at += 46 + name_len + extra_len + comment_len;
  }
  return out;
}

std::optional<std::string> Extract(const std::string& zip, const std::string& name) {
  for (const ZipEntry& e : Entries(zip)) {
    if (e.name != name) continue;
    size_t data =
        e.local_offset + 30 + Le(zip, e.local_offset + 26, 2) + Le(zip, e.local_offset + 28, 2);
    std::string packed = zip.substr(data, e.compressed_size);
    if (e.method == 0) return packed;
    if (e.method != 8) return std::nullopt;
    std::string out(e.size, '\0');
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return std::nullopt;
    z.next_in = reinterpret_cast<Bytef*>(packed.data());
    z.avail_in = static_cast<uInt>(packed.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&z, Z_FINISH);
    inflateEnd(&z);
    if (rc != Z_STREAM_END) return std::nullopt;
    return out;
  }
  return std::nullopt;
}

bool HasEntry(const std::string& zip, const std::string& name) {
  for (const ZipEntry& e : Entries(zip)) {
    if (e.name == name) return true;
  }
  return false;
}

bool IsZip(const std::string& bytes) { return bytes.rfind(std::string("PK\x03\x04", 4), 0) == 0; }

app::TraderProfile SampleProfile() {
  app::TraderProfile p;
  p.tax_id = "0101234567";
  p.declarations = 42;
  p.first_filed_at = "2026-01-05T08:00:00Z";
  p.last_filed_at = "2026-03-30T16:45:00Z";
  p.inspections = 7;
  p.violations = 2;
  p.months = {{"2026-01", "green", "USD", 10, 123456789},
              {"2026-02", "red", "USD", 3, 5000},
              {"2026-02", "green", "VND", 1, 250000000}};
  p.goods = {{"8517", "USD", 12, 9900000}, {"0101", "USD", 1, 150000}};
  p.origins = {{"CN", "USD", 9, 7000000}, {"JP", "USD", 4, 3050000}};
  p.partners = {{"Shenzhen Electronics & Co. <Ltd>", "CN", "USD", 9, 7000000},
                {"Công ty TNHH Đông Á", "VN", "VND", 1, 250000000}};
  p.unit_values = {{"851713", "PCE", "USD", {25, 180.5, 200, 221.25, 120, 300}},
                   {"010121", "KGM", "USD", {6, 0.0125, 0.015, 0.02, 0.0075, 0.04}}};
  p.findings = {{"compliant", 5, 0}, {"undervaluation", 2, 1234500}};
  return p;
}

domain::Enterprise SampleEnterprise() {
  domain::Enterprise e;
  e.tax_id = "0101234567";
  e.name = "Công ty Cổ phần Thương mại Hà Nội";
  e.address = "12 Phố Huế, Hai Bà Trưng, Hà Nội";
  e.registration_date = "2015-06-01";
  e.status = domain::EnterpriseStatus::kSuspended;
  e.aeo = true;
  return e;
}

TEST(ProfileWorkbookTest, WritesEverySheetWithItsRows) {
  app::TraderProfile p = SampleProfile();
  domain::Enterprise e = SampleEnterprise();
  auto r = ProfileWorkbook(p, &e, "2026-04-01T09:30:00Z");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const std::string& zip = *r;
  ASSERT_TRUE(IsZip(zip));
  for (int i = 1; i <= 7; ++i) {
    EXPECT_TRUE(HasEntry(zip, "xl/worksheets/sheet" + std::to_string(i) + ".xml")) << i;
  }
  EXPECT_FALSE(HasEntry(zip, "xl/worksheets/sheet8.xml"));

  auto workbook = Extract(zip, "xl/workbook.xml");
  ASSERT_TRUE(workbook);
  size_t last = 0;
  for (const char* name : {"Tong quan", "Theo thang", "Hang hoa", "Xuat xu", "Doi tac", "Don gia",
                           "Ket qua kiem tra"}) {
    size_t at = workbook->find(std::string("name=\"") + name + "\"");
    ASSERT_NE(at, std::string::npos) << name;
    EXPECT_GT(at, last) << name << " is out of order";
    last = at;
  }
  // The autofilter on the English header row is stored as a hidden defined name.
  EXPECT_NE(workbook->find("_xlnm._FilterDatabase"), std::string::npos);

  auto strings = Extract(zip, "xl/sharedStrings.xml");
  ASSERT_TRUE(strings);
  for (const char* s : {"Mã số thuế", "Tax id", "0101234567", "Công ty Cổ phần Thương mại Hà Nội",
                        "Tạm ngừng hoạt động (suspended)", "Có (yes)", "2026-04-01T09:30:00Z",
                        "Shenzhen Electronics &amp; Co. &lt;Ltd&gt;", "Công ty TNHH Đông Á",
                        "Tứ phân vị 1", "undervaluation", "Kết quả"}) {
    EXPECT_NE(strings->find(s), std::string::npos) << s;
  }

  // Money is a number in the currency, not hundredths and not text.
  auto months = Extract(zip, "xl/worksheets/sheet2.xml");
  ASSERT_TRUE(months);
  EXPECT_NE(months->find("<v>1234567.89</v>"), std::string::npos);
  EXPECT_NE(months->find("<v>2500000</v>"), std::string::npos);
  EXPECT_NE(months->find("ySplit=\"2\""), std::string::npos) << "headers are not frozen";
  EXPECT_NE(months->find("<autoFilter ref=\"A2:E5\"/>"), std::string::npos);

  auto goods = Extract(zip, "xl/worksheets/sheet3.xml");
  ASSERT_TRUE(goods);
  EXPECT_NE(goods->find("<autoFilter ref=\"A2:E4\"/>"), std::string::npos);

  auto unit_values = Extract(zip, "xl/worksheets/sheet6.xml");
  ASSERT_TRUE(unit_values);
  EXPECT_NE(unit_values->find("<v>0.0125</v>"), std::string::npos);
  EXPECT_NE(unit_values->find("<v>221.25</v>"), std::string::npos);

  auto findings = Extract(zip, "xl/worksheets/sheet7.xml");
  ASSERT_TRUE(findings);
  EXPECT_NE(findings->find("<v>12345</v>"), std::string::npos);

  auto styles = Extract(zip, "xl/styles.xml");
  ASSERT_TRUE(styles);
  EXPECT_NE(styles->find("formatCode=\"#,##0.00\""), std::string::npos);
}

TEST(ProfileWorkbookTest, EmptyProfileWithoutEnterprise) {
  app::TraderProfile p;
  p.tax_id = "0309999999";
  auto r = ProfileWorkbook(p, nullptr, "2026-04-01T09:30:00Z");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(IsZip(*r));
  EXPECT_TRUE(HasEntry(*r, "xl/worksheets/sheet7.xml"));
  EXPECT_FALSE(HasEntry(*r, "xl/worksheets/sheet8.xml"));

  auto strings = Extract(*r, "xl/sharedStrings.xml");
  ASSERT_TRUE(strings);
  EXPECT_NE(strings->find("0309999999"), std::string::npos);
  EXPECT_NE(strings->find("not in the registry"), std::string::npos);

  // Headers only: the filter covers the English header row alone.
  auto partners = Extract(*r, "xl/worksheets/sheet5.xml");
  ASSERT_TRUE(partners);
  EXPECT_NE(partners->find("<autoFilter ref=\"A2:E2\"/>"), std::string::npos);
}

TEST(ProfileWorkbookTest, ControlCharactersAndOverlongNamesStayValid) {
  app::TraderProfile p;
  p.tax_id = "0101234567";
  std::string overlong;
  while (overlong.size() < 40000) overlong += "ă";  // two bytes each
  p.partners = {{std::string("Bell\x07 and\x01 tab\there"), "CN", "USD", 1, 100},
                {"X" + overlong, "VN", "VND", 1, 100}};
  auto r = ProfileWorkbook(p, nullptr, "2026-04-01T09:30:00Z");
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto strings = Extract(*r, "xl/sharedStrings.xml");
  ASSERT_TRUE(strings);
  EXPECT_EQ(strings->find('\x07'), std::string::npos);
  EXPECT_EQ(strings->find('\x01'), std::string::npos);
  // XML 1.0 cannot carry them raw; Excel reads the _xHHHH_ escape back as the character.
  EXPECT_NE(strings->find("Bell_x0007_ and_x0001_ tab\there"), std::string::npos);
  // Cut to Excel's limit without splitting a character: "X" then 16,383 whole "ă".
  std::string kept = "X";
  for (int i = 0; i < 16383; ++i) kept += "ă";
  EXPECT_NE(strings->find(kept + "<"), std::string::npos);
}

TEST(ProfileWorkbookTest, LeavesNoTemporaryFileAndReportsAMissingDirectory) {
  const char* old = std::getenv("TMPDIR");
  std::string saved = old ? old : "";
  fs::path dir = fs::temp_directory_path() / ("haiquan-xlsx-test-" + std::to_string(getpid()));
  fs::create_directories(dir);
  setenv("TMPDIR", dir.c_str(), 1);

  app::TraderProfile p = SampleProfile();
  auto r = ProfileWorkbook(p, nullptr, "2026-04-01T09:30:00Z");
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(fs::is_empty(dir));

  setenv("TMPDIR", (dir / "missing").c_str(), 1);
  auto missing = ProfileWorkbook(p, nullptr, "2026-04-01T09:30:00Z");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, domain::ErrorCode::kUnavailable);

  if (old) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
  fs::remove_all(dir);
}

// Requests are served from several threads at once; each needs its own file.
TEST(ProfileWorkbookTest, ConcurrentWorkbooksDoNotShareFiles) {
  app::TraderProfile p = SampleProfile();
  std::vector<std::string> results(8);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      app::TraderProfile mine = p;
      mine.tax_id = "010000000" + std::to_string(i);
      auto r = ProfileWorkbook(mine, nullptr, "2026-04-01T09:30:00Z");
      if (r.ok()) results[i] = std::move(*r);
    });
  }
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(IsZip(results[i])) << i;
    auto strings = Extract(results[i], "xl/sharedStrings.xml");
    ASSERT_TRUE(strings) << i;
    EXPECT_NE(strings->find("010000000" + std::to_string(i)), std::string::npos) << i;
  }
}

}  // namespace
}  // namespace haiquan::http
