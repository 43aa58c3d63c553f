#pragma once

#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

#include "domain/result.h"

// What every workbook Haiquan writes shares (trader profiles, search exports).
namespace haiquan::http::xlsx {

namespace fs = std::filesystem;

// Excel refuses a cell longer than this; libxlsxwriter counts bytes.
constexpr size_t kMaxCellBytes = 32767;

// Cut on a UTF-8 boundary: a split character would make the file unreadable.
inline std::string_view Clip(std::string_view s) {
  if (s.size() <= kMaxCellBytes) return s;
  size_t n = kMaxCellBytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

// Owns the workbook until it is closed. The first failing call is remembered and later calls
// become no-ops, so one check after the last call covers them all.
class Book {
 public:
  explicit Book(lxw_workbook* wb) : wb_(wb) {}
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;
  // workbook_close is also what frees the workbook, so it runs on every path.
  ~Book() {
    if (wb_) workbook_close(wb_);
  }

  lxw_workbook* get() const { return wb_; }
  bool ok() const { return failure_.empty(); }
  const std::string& failure() const { return failure_; }

  // libxlsxwriter keeps some of the pointers it is given (names, properties) until
  // workbook_close; a deque never moves what it holds.
  char* Keep(std::string s) {
    kept_.push_back(std::move(s));
    return kept_.back().data();
  }

  void Check(lxw_error e, std::string_view what) {
    if (e != LXW_NO_ERROR && ok()) Fail(std::string(what) + ": " + lxw_strerror(e));
  }
  void Fail(std::string what) {
    if (ok()) failure_ = std::move(what);
  }

  // Writes the file. Returns false, with the failure recorded, if any step failed.
  bool Close() {
    lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    Check(e, "closing the workbook");
    return ok();
  }

 private:
  lxw_workbook* wb_;
  std::deque<std::string> kept_;
  std::string failure_;
};

// Removes the temporary file on every path out of the function that made it.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::string ErrnoMessage() {
  return std::error_code(errno, std::generic_category()).message();
}

// A new empty file in the temporary directory that no other request shares (libxlsxwriter
// 1.1.4 writes only to a named file), or an error.
inline domain::Result<std::string> MakeTempFile(std::string_view prefix) {
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec);
  if (ec) return domain::Error::Unavailable("no temporary directory: " + ec.message());
  std::string name = (dir / (std::string(prefix) + "-XXXXXX")).string();
  int fd = mkstemp(name.data());
  if (fd < 0) return domain::Error::Unavailable("creating a temporary file: " + ErrnoMessage());
  close(fd);
  return name;
}

inline domain::Result<std::string> ReadBack(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return domain::Error::Unavailable("reading the file back: " + ErrnoMessage());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad() || bytes.fail()) return domain::Error::Unavailable("reading the file back");
  return std::move(bytes).str();
}

}  // namespace haiquan::http::xlsx
