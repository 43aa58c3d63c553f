#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/manage_enforcement.h"

namespace haiquan::http {

enum class ExportFormat { kJson, kCsv, kXlsx };

std::optional<ExportFormat> ParseExportFormat(std::string_view s);
std::string_view MediaTypeOf(ExportFormat f);
std::string_view ExtensionOf(ExportFormat f);

// N5: a search's results written to a file, one row per hit, as they arrive. Spreadsheets get
// typed columns (numbers as numbers, dates as dates), a header row in Vietnamese and one in
// English, and frozen panes; CSV is UTF-8 with a byte-order mark (Excel reads Vietnamese
// right), and cells a spreadsheet would run as formulas are quoted.
class ExportWriter {
 public:
  virtual ~ExportWriter() = default;
  // `type`: seizure, person or company, which sets the columns.
  static domain::Result<std::unique_ptr<ExportWriter>> Open(ExportFormat format,
                                                            const std::string& type,
                                                            const std::string& path);
  virtual void Add(const app::SearchHit& hit) = 0;
  virtual domain::Status Finish() = 0;
  int64_t rows() const { return rows_; }

 protected:
  int64_t rows_ = 0;
};

}  // namespace haiquan::http
