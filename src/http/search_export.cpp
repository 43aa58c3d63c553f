#include "http/search_export.h"

#include <xlsxwriter.h>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <functional>
#include <mutex>
#include <thread>
#include <variant>
#include <vector>

#include "domain/date.h"
#include "http/enforcement_json.h"
#include "http/json_writer.h"
#include "http/xlsx_book.h"

namespace haiquan::http {
namespace {

// A cell: text, a number, a date (YYYY-MM-DD) or nothing.
struct DateCell {
  std::string day;
};
using Cell = std::variant<std::monostate, std::string, double, DateCell>;

struct Column {
  const char* key;  // the JSON member name, the CSV header
  const char* vi;
  const char* en;
  double width;
};

const std::vector<Column> kSeizureColumns = {
    {"id", "Số", "ID", 8},
    {"date", "Ngày", "Date", 12},
    {"office", "Đơn vị hải quan", "Office", 10},
    {"place", "Địa điểm", "Place", 18},
    {"detectionMethod", "Phương pháp phát hiện", "Detection method", 14},
    {"category", "Nhóm hàng vi phạm", "Category", 12},
    {"hsCode", "Mã HS", "HS code", 10},
    {"description", "Mô tả", "Description", 32},
    {"quantity", "Số lượng", "Quantity", 10},
    {"unit", "Đơn vị tính", "Unit", 8},
    {"estimatedValue", "Trị giá ước tính", "Estimated value", 14},
    {"currency", "Tiền tệ", "Currency", 8},
    {"concealment", "Phương thức cất giấu", "Concealment", 14},
    {"transportMode", "Phương thức vận tải", "Transport mode", 10},
    {"conveyance", "Phương tiện", "Conveyance", 12},
    {"departure", "Nơi đi", "Departure", 8},
    {"destination", "Nơi đến", "Destination", 8},
    {"route", "Hành trình", "Route", 24},
    {"declarationId", "Tờ khai", "Declaration", 10},
    {"narrative", "Diễn biến", "Narrative", 40},
};
const std::vector<Column> kPersonColumns = {
    {"id", "Số", "ID", 8},
    {"name", "Họ tên", "Name", 28},
    {"aliases", "Tên khác", "Aliases", 28},
    {"dateOfBirth", "Ngày sinh", "Date of birth", 12},
    {"nationality", "Quốc tịch", "Nationality", 8},
    {"score", "Mức khớp", "Match", 8},
};
const std::vector<Column> kCompanyColumns = {
    {"id", "Số", "ID", 8},
    {"name", "Tên doanh nghiệp", "Name", 32},
    {"aliases", "Tên khác", "Aliases", 28},
    {"taxId", "Mã số thuế", "Tax ID", 14},
    {"country", "Quốc gia", "Country", 8},
    {"score", "Mức khớp", "Match", 8},
};

const std::vector<Column>& ColumnsOf(const std::string& type) {
  return type == "person" ? kPersonColumns : type == "company" ? kCompanyColumns : kSeizureColumns;
}

Cell Text(const std::string& s) { return s.empty() ? Cell() : Cell(s); }
Cell Number(const std::optional<double>& v) { return v ? Cell(*v) : Cell(); }

std::string Aliases(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 1; i < names.size(); ++i) {
    if (i > 1) out += "; ";
    out += names[i];
  }
  return out;
}

std::vector<Cell> Row(const app::SearchHit& h) {
  if (h.seizure) {
    const auto& s = *h.seizure;
    std::string route = s.departure;
    for (const auto& l : s.route) {
      route += (route.empty() ? "" : " > ") + l.country + (l.place.empty() ? "" : " " + l.place);
    }
    if (!s.destination.empty()) route += (route.empty() ? "" : " > ") + s.destination;
    return {Cell(static_cast<double>(s.id)),
            Cell(DateCell{s.Day()}),
            Text(s.office),
            Text(s.place),
            Text(s.detection_method),
            Text(s.category),
            Text(s.hs_code),
            Text(s.description),
            Number(s.quantity),
            Text(s.unit),
            Number(s.estimated_value),
            Text(s.currency),
            Text(s.concealment),
            Text(s.transport_mode),
            Text(s.conveyance),
            Text(s.departure),
            Text(s.destination),
            Text(route),
            s.declaration_id ? Cell(static_cast<double>(*s.declaration_id)) : Cell(),
            Text(s.narrative)};
  }
  const auto& c = *h.name;
  std::string name = c.names.empty() ? "" : c.names.front();
  if (c.kind == "person") {
    return {Cell(static_cast<double>(c.id)),
            Text(name),
            Text(Aliases(c.names)),
            c.date_of_birth.empty() ? Cell() : Cell(DateCell{c.date_of_birth}),
            Text(c.nationality),
            Cell(h.score)};
  }
  return {Cell(static_cast<double>(c.id)),
          Text(name),
          Text(Aliases(c.names)),
          Text(c.tax_id),
          Text(c.nationality),
          Cell(h.score)};
}

class XlsxWriter final : public ExportWriter {
 public:
  XlsxWriter(lxw_workbook* wb, const std::vector<Column>& columns) : book_(wb), columns_(columns) {}

  domain::Status Start() {
    header_vi_ = Format(nullptr);
    header_en_ = Format(nullptr);
    if (header_vi_) format_set_bold(header_vi_);
    if (header_en_) {
      format_set_bold(header_en_);
      format_set_italic(header_en_);
      format_set_font_color(header_en_, LXW_COLOR_GRAY);
      format_set_bottom(header_en_, LXW_BORDER_THIN);
    }
    date_ = Format("yyyy-mm-dd");
    number_ = Format("#,##0.##");
    ws_ = workbook_add_worksheet(book_.get(), "Ket qua");
    if (!ws_) return domain::Error::Unavailable("cannot add the sheet");
    // Constant-memory mode writes rows in order: the whole first row, then the second.
    for (lxw_col_t c = 0; c < columns_.size(); ++c) {
      book_.Check(worksheet_set_column(ws_, c, c, columns_[c].width, nullptr), "a column width");
      book_.Check(worksheet_write_string(ws_, 0, c, columns_[c].vi, header_vi_), "a header");
    }
    for (lxw_col_t c = 0; c < columns_.size(); ++c) {
      book_.Check(worksheet_write_string(ws_, 1, c, columns_[c].en, header_en_), "a header");
    }
    worksheet_freeze_panes(ws_, 2, 1);
    if (!book_.ok()) return domain::Error::Unavailable(book_.failure());
    return domain::Ok();
  }

  void Add(const app::SearchHit& hit) override {
    if (!book_.ok()) return;
    auto row = static_cast<lxw_row_t>(rows_ + 2);
    auto cells = Row(hit);
    for (lxw_col_t c = 0; c < cells.size(); ++c) {
      const Cell& cell = cells[c];
      if (const auto* s = std::get_if<std::string>(&cell)) {
        std::string clipped(xlsx::Clip(*s));
        book_.Check(worksheet_write_string(ws_, row, c, clipped.c_str(), nullptr), "a cell");
      } else if (const auto* d = std::get_if<double>(&cell)) {
        book_.Check(worksheet_write_number(ws_, row, c, *d, number_), "a cell");
      } else if (const auto* day = std::get_if<DateCell>(&cell)) {
        auto parsed = domain::ParseDate(day->day);
        if (!parsed) continue;
        std::chrono::year_month_day ymd(*parsed);
        lxw_datetime dt = {static_cast<int>(ymd.year()),
                           static_cast<int>(unsigned(ymd.month())),
                           static_cast<int>(unsigned(ymd.day())),
                           0,
                           0,
                           0};
        book_.Check(worksheet_write_datetime(ws_, row, c, &dt, date_), "a date");
      }
    }
    ++rows_;
  }

  domain::Status Finish() override {
    if (rows_ > 0) {
      book_.Check(worksheet_autofilter(ws_, 1, 0, static_cast<lxw_row_t>(rows_ + 1),
                                       static_cast<lxw_col_t>(columns_.size() - 1)),
                  "the filter");
    }
    if (!book_.Close()) return domain::Error::Unavailable(book_.failure());
    return domain::Ok();
  }

 private:
  lxw_format* Format(const char* num_format) {
    lxw_format* f = workbook_add_format(book_.get());
    if (f && num_format) format_set_num_format(f, num_format);
    return f;
  }

  xlsx::Book book_;
  const std::vector<Column>& columns_;
  lxw_worksheet* ws_ = nullptr;
  lxw_format *header_vi_ = nullptr, *header_en_ = nullptr, *date_ = nullptr, *number_ = nullptr;
};

class CsvWriter final : public ExportWriter {
 public:
  CsvWriter(const std::string& path, const std::vector<Column>& columns)
      : out_(path, std::ios::binary), columns_(columns) {
    out_ << "\xEF\xBB\xBF";
    for (size_t c = 0; c < columns_.size(); ++c) out_ << (c ? "," : "") << columns_[c].key;
    out_ << "\r\n";
  }
  bool open() const { return out_.good(); }

  void Add(const app::SearchHit& hit) override {
    auto cells = Row(hit);
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c) line += ',';
      const Cell& cell = cells[c];
      if (const auto* s = std::get_if<std::string>(&cell)) {
        Quote(*s, line);
      } else if (const auto* d = std::get_if<double>(&cell)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.15g", *d);
        line += buf;
      } else if (const auto* day = std::get_if<DateCell>(&cell)) {
        line += day->day;
      }
    }
    out_ << line << "\r\n";
    ++rows_;
  }

  domain::Status Finish() override {
    out_.flush();
    if (!out_.good()) return domain::Error::Unavailable("writing the CSV file failed");
    return domain::Ok();
  }

 private:
  // RFC 4180 quoting; a leading = + - @ (or tab, carriage return) would run as a formula in a spreadsheet (CSV
  // injection), so such a cell starts with an apostrophe.
  static void Quote(const std::string& s, std::string& line) {
    bool formula = !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                                  s[0] == '\t' || s[0] == '\r');
    line += '"';
    if (formula) line += '\'';
    for (char ch : s) {
      if (ch == '"') line += '"';
      line += ch;
    }
    line += '"';
  }

  std::ofstream out_;
  const std::vector<Column>& columns_;
};

class JsonWriter final : public ExportWriter {
 public:
  explicit JsonWriter(const std::string& path) : out_(path, std::ios::binary) {
    out_ << "{\"items\":[";
  }
  bool open() const { return out_.good(); }

  void Add(const app::SearchHit& hit) override {
    out_ << (rows_ ? "," : "") << ToJson(WriteHit(hit));
    ++rows_;
  }

  domain::Status Finish() override {
    out_ << "]}";
    out_.flush();
    if (!out_.good()) return domain::Error::Unavailable("writing the JSON file failed");
    return domain::Ok();
  }

 private:
  std::ofstream out_;
};

// Reading the results and writing the file each take about half of an export's time: the
// file is written on a second thread, fed in batches, so that an export uses both cores.
class PipelinedWriter final : public ExportWriter {
 public:
  explicit PipelinedWriter(std::unique_ptr<ExportWriter> inner)
      : inner_(std::move(inner)), thread_([this] { Drain(); }) {}
  ~PipelinedWriter() override {
    if (thread_.joinable()) Stop();
  }

  void Add(const app::SearchHit& hit) override {
    batch_.push_back(hit);
    ++rows_;
    if (batch_.size() >= kBatch) Push();
  }

  domain::Status Finish() override {
    Stop();
    if (!failure_.empty()) return domain::Error::Unavailable("the export failed: " + failure_);
    return inner_->Finish();
  }

 private:
  static constexpr size_t kBatch = 256;
  static constexpr size_t kQueued = 16;

  void Push() {
    std::unique_lock lock(mu_);
    room_.wait(lock, [this] { return queue_.size() < kQueued; });
    queue_.push_back(std::move(batch_));
    batch_.clear();
    ready_.notify_one();
  }

  void Stop() {
    if (!batch_.empty()) Push();
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    ready_.notify_one();
    thread_.join();
  }

  void Drain() {
    for (;;) {
      std::vector<app::SearchHit> batch;
      {
        std::unique_lock lock(mu_);
        ready_.wait(lock, [this] { return !queue_.empty() || done_; });
        if (queue_.empty()) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
      }
      room_.notify_one();
      try {
        for (const auto& hit : batch) inner_->Add(hit);
      } catch (const std::exception& e) {
        // Out of memory or disk: the export fails, the server stays up.
        std::lock_guard lock(mu_);
        if (failure_.empty()) failure_ = e.what();
      }
    }
  }

  std::unique_ptr<ExportWriter> inner_;
  std::vector<app::SearchHit> batch_;
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<std::vector<app::SearchHit>> queue_;
  bool done_ = false;
  std::string failure_;
  std::thread thread_;  // last: it starts once everything it uses exists
};

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view s) {
  if (s == "json") return ExportFormat::kJson;
  if (s == "csv") return ExportFormat::kCsv;
  if (s == "xlsx") return ExportFormat::kXlsx;
  return std::nullopt;
}

std::string_view MediaTypeOf(ExportFormat f) {
  switch (f) {
    case ExportFormat::kCsv:
      return "text/csv; charset=utf-8";
    case ExportFormat::kXlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    default:
      return "application/json";
  }
}

std::string_view ExtensionOf(ExportFormat f) {
  return f == ExportFormat::kCsv ? "csv" : f == ExportFormat::kXlsx ? "xlsx" : "json";
}

domain::Result<std::unique_ptr<ExportWriter>> ExportWriter::Open(ExportFormat format,
                                                                 const std::string& type,
                                                                 const std::string& path) {
  const auto& columns = ColumnsOf(type);
  if (format == ExportFormat::kXlsx) {
    lxw_workbook_options options = {};
    // Rows go straight to disk: 100,000 rows need no more memory than one.
    options.constant_memory = LXW_TRUE;
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    if (!wb) return domain::Error::Unavailable("cannot create the workbook " + path);
    auto w = std::make_unique<XlsxWriter>(wb, columns);
    if (auto s = w->Start(); !s.ok()) return s.error();
    return std::unique_ptr<ExportWriter>(std::make_unique<PipelinedWriter>(std::move(w)));
  }
  if (format == ExportFormat::kCsv) {
    auto w = std::make_unique<CsvWriter>(path, columns);
    if (!w->open()) return domain::Error::Unavailable("cannot write " + path);
    return std::unique_ptr<ExportWriter>(std::move(w));
  }
  auto w = std::make_unique<JsonWriter>(path);
  if (!w->open()) return domain::Error::Unavailable("cannot write " + path);
  return std::unique_ptr<ExportWriter>(std::move(w));
}

}  // namespace haiquan::http
