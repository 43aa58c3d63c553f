#include "http/profile_xlsx.h"

#include <xlsxwriter.h>

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "http/xlsx_book.h"

namespace haiquan::http {
namespace {

using xlsx::Book;
using xlsx::Clip;
using xlsx::TempFile;

constexpr lxw_row_t kHeaderRows = 2;  // Vietnamese, then English

struct Formats {
  lxw_format* header_vi = nullptr;
  lxw_format* header_en = nullptr;
  lxw_format* count = nullptr;
  lxw_format* money = nullptr;
  lxw_format* price = nullptr;
};

lxw_format* NewFormat(Book& book, const char* num_format) {
  lxw_format* f = workbook_add_format(book.get());
  if (!f) {
    book.Fail("adding a format: out of memory");
    return nullptr;
  }
  if (num_format) format_set_num_format(f, book.Keep(num_format));
  return f;
}

Formats MakeFormats(Book& book) {
  Formats f;
  f.header_vi = NewFormat(book, nullptr);
  if (f.header_vi) format_set_bold(f.header_vi);
  f.header_en = NewFormat(book, nullptr);
  if (f.header_en) {
    format_set_bold(f.header_en);
    format_set_italic(f.header_en);
    format_set_font_color(f.header_en, LXW_COLOR_GRAY);
    format_set_bottom(f.header_en, LXW_BORDER_THIN);
  }
  f.count = NewFormat(book, "#,##0");
  f.money = NewFormat(book, "#,##0.00");
  // Unit values can be fractions of a cent (a price per gram); two more optional decimals keep
  // them from showing as 0.00.
  f.price = NewFormat(book, "#,##0.00##");
  return f;
}

struct Column {
  const char* vi;
  const char* en;
  double width;
};

// One sheet: the two header rows, then one row per record, filled left to right.
class Sheet {
 public:
  Sheet(Book& book, const Formats& formats, const char* name, std::initializer_list<Column> columns)
      : book_(book), formats_(formats), columns_(static_cast<lxw_col_t>(columns.size())) {
    if (!book_.ok()) return;
    ws_ = workbook_add_worksheet(book_.get(), book_.Keep(name));
    if (!ws_) {
      book_.Fail(std::string("adding sheet ") + name);
      return;
    }
    lxw_col_t col = 0;
    for (const Column& c : columns) {
      Check(worksheet_set_column(ws_, col, col, c.width, nullptr), "setting a column width");
      Check(worksheet_write_string(ws_, 0, col, book_.Keep(c.vi), formats_.header_vi),
            "writing a header");
      Check(worksheet_write_string(ws_, 1, col, book_.Keep(c.en), formats_.header_en),
            "writing a header");
      ++col;
    }
    worksheet_freeze_panes(ws_, kHeaderRows, 0);
  }

  Sheet& Text(std::string_view s) {
    if (Ready() && !s.empty()) {
      Check(worksheet_write_string(ws_, row_, col_, book_.Keep(std::string(Clip(s))), nullptr),
            "writing text");
    }
    ++col_;
    return *this;
  }
  Sheet& Count(int64_t n) { return Number(static_cast<double>(n), formats_.count); }
  Sheet& Money(int64_t hundredths) {
    return Number(static_cast<double>(hundredths) / 100.0, formats_.money);
  }
  Sheet& Price(double v) { return Number(v, formats_.price); }

  void EndRow() {
    ++row_;
    col_ = 0;
  }

  // The filter's drop-downs sit on the English row, so that the Vietnamese row above is not
  // taken for data and sorted away.
  void Finish() {
    if (!Ready()) return;
    lxw_row_t last = row_ > kHeaderRows ? row_ - 1 : kHeaderRows - 1;
    Check(worksheet_autofilter(ws_, kHeaderRows - 1, 0, last, columns_ - 1), "adding a filter");
  }

 private:
  bool Ready() const { return ws_ && book_.ok(); }
  void Check(lxw_error e, const char* what) { book_.Check(e, what); }

  Sheet& Number(double v, lxw_format* format) {
    // A NaN or infinity would be written as text the XML schema rejects.
    if (Ready() && std::isfinite(v)) {
      Check(worksheet_write_number(ws_, row_, col_, v, format), "writing a number");
    }
    ++col_;
    return *this;
  }

  Book& book_;
  const Formats& formats_;
  lxw_worksheet* ws_ = nullptr;
  lxw_col_t columns_;
  lxw_row_t row_ = kHeaderRows;
  lxw_col_t col_ = 0;
};

std::string_view StatusVi(domain::EnterpriseStatus s) {
  switch (s) {
    case domain::EnterpriseStatus::kActive:
      return "Đang hoạt động";
    case domain::EnterpriseStatus::kSuspended:
      return "Tạm ngừng hoạt động";
    case domain::EnterpriseStatus::kDissolved:
      return "Đã giải thể";
    case domain::EnterpriseStatus::kTaxDebt:
      return "Nợ thuế quá hạn";
  }
  return "";
}

std::string YesNo(bool b) { return b ? "Có (yes)" : "Không (no)"; }

void WriteSummary(Book& book, const Formats& f, const app::TraderProfile& p,
                  const domain::Enterprise* e, const std::string& generated_at) {
  Sheet s(book, f, "Tong quan",
          {{"Chỉ tiêu", "Field", 28}, {"Tiếng Anh", "In English", 22}, {"Giá trị", "Value", 48}});
  auto text = [&s](const char* vi, const char* en, std::string_view v) {
    s.Text(vi).Text(en).Text(v).EndRow();
  };
  auto count = [&s](const char* vi, const char* en, int64_t n) {
    s.Text(vi).Text(en).Count(n).EndRow();
  };
  text("Mã số thuế", "Tax id", p.tax_id);
  text("Tên doanh nghiệp", "Name", e ? e->name : "");
  text("Địa chỉ", "Address", e ? e->address : "");
  text("Ngày đăng ký", "Registration date", e ? e->registration_date : "");
  std::string status = "Không có trong sổ đăng ký (not in the registry)";
  if (e) {
    status =
        std::string(StatusVi(e->status)) + " (" + std::string(domain::ToString(e->status)) + ")";
  }
  text("Trạng thái", "Status", status);
  text("Doanh nghiệp ưu tiên (AEO)", "AEO", e ? YesNo(e->aeo) : "");
  text("Đăng ký tạm", "Provisional", e ? YesNo(e->provisional) : "");
  count("Số tờ khai", "Declarations", p.declarations);
  text("Tờ khai đầu tiên", "First filed at", p.first_filed_at);
  text("Tờ khai gần nhất", "Last filed at", p.last_filed_at);
  count("Số lần kiểm tra", "Inspections", p.inspections);
  count("Số vi phạm", "Violations", p.violations);
  text("Thời điểm lập", "Generated at", generated_at);
  s.Finish();
}

void WriteMonths(Book& book, const Formats& f, const app::TraderProfile& p) {
  Sheet s(book, f, "Theo thang",
          {{"Tháng", "Month", 10},
           {"Luồng", "Lane", 10},
           {"Tiền tệ", "Currency", 10},
           {"Số tờ khai", "Declarations", 14},
           {"Trị giá", "Value", 20}});
  for (const auto& m : p.months) {
    s.Text(m.month).Text(m.lane).Text(m.currency).Count(m.declarations).Money(m.value).EndRow();
  }
  s.Finish();
}

void WriteGoods(Book& book, const Formats& f, const app::TraderProfile& p) {
  Sheet s(book, f, "Hang hoa",
          {{"Chương", "Chapter", 10},
           {"Nhóm", "Heading", 10},
           {"Tiền tệ", "Currency", 10},
           {"Số dòng hàng", "Items", 14},
           {"Trị giá", "Value", 20}});
  for (const auto& g : p.goods) {
    s.Text(std::string_view(g.heading).substr(0, 2))
        .Text(g.heading)
        .Text(g.currency)
        .Count(g.items)
        .Money(g.value)
        .EndRow();
  }
  s.Finish();
}

void WriteOrigins(Book& book, const Formats& f, const app::TraderProfile& p) {
  Sheet s(book, f, "Xuat xu",
          {{"Xuất xứ", "Country of origin", 18},
           {"Tiền tệ", "Currency", 10},
           {"Số dòng hàng", "Items", 14},
           {"Trị giá", "Value", 20}});
  for (const auto& o : p.origins) {
    s.Text(o.country).Text(o.currency).Count(o.items).Money(o.value).EndRow();
  }
  s.Finish();
}

void WritePartners(Book& book, const Formats& f, const app::TraderProfile& p) {
  Sheet s(book, f, "Doi tac",
          {{"Đối tác", "Partner", 40},
           {"Quốc gia", "Country", 10},
           {"Tiền tệ", "Currency", 10},
           {"Số tờ khai", "Declarations", 14},
           {"Trị giá", "Value", 20}});
  for (const auto& x : p.partners) {
    s.Text(x.name).Text(x.country).Text(x.currency).Count(x.declarations).Money(x.value).EndRow();
  }
  s.Finish();
}

void WriteUnitValues(Book& book, const Formats& f, const app::TraderProfile& p) {
  Sheet s(book, f, "Don gia",
          {{"Phân nhóm (HS6)", "Subheading (HS6)", 16},
           {"Đơn vị tính", "Unit", 12},
           {"Tiền tệ", "Currency", 10},
           {"Số quan sát", "Observations", 14},
           {"Tứ phân vị 1", "Q1", 14},
           {"Trung vị", "Median", 14},
           {"Tứ phân vị 3", "Q3", 14},
           {"Ngưỡng dưới", "Low", 14},
           {"Ngưỡng trên", "High", 14}});
  for (const auto& u : p.unit_values) {
    s.Text(u.hs6)
        .Text(u.unit)
        .Text(u.currency)
        .Count(u.band.count)
        .Price(u.band.q1)
        .Price(u.band.median)
        .Price(u.band.q3)
        .Price(u.band.low)
        .Price(u.band.high)
        .EndRow();
  }
  s.Finish();
}

void WriteFindings(Book& book, const Formats& f, const app::TraderProfile& p) {
  Sheet s(book, f, "Ket qua kiem tra",
          {{"Kết quả", "Outcome", 22},
           {"Số lần", "Count", 10},
           {"Điều chỉnh số thu", "Revenue adjustment", 22}});
  for (const auto& x : p.findings) {
    s.Text(x.outcome).Count(x.count).Money(x.revenue_adjustment).EndRow();
  }
  s.Finish();
}

domain::Error Unavailable(std::string what) {
  return domain::Error::Unavailable("cannot write the profile workbook: " + what);
}

}  // namespace

domain::Result<std::string> ProfileWorkbook(const app::TraderProfile& profile,
                                            const domain::Enterprise* enterprise,
                                            const std::string& generated_at) {
  auto temp = xlsx::MakeTempFile("haiquan-profile");
  if (!temp.ok()) return Unavailable(temp.error().message);
  TempFile file(*temp);

  lxw_workbook* wb = workbook_new(file.path().c_str());
  if (!wb) return Unavailable("creating the workbook");
  {
    Book book(wb);
    lxw_doc_properties properties = {};
    properties.title = book.Keep("Hồ sơ doanh nghiệp " + profile.tax_id);
    properties.subject = book.Keep("Kiểm tra sau thông quan (post-clearance audit)");
    properties.author = book.Keep("Haiquan");
    properties.comments = book.Keep("Generated at " + generated_at);
    book.Check(workbook_set_properties(wb, &properties), "setting the properties");

    Formats formats = MakeFormats(book);
    WriteSummary(book, formats, profile, enterprise, generated_at);
    WriteMonths(book, formats, profile);
    WriteGoods(book, formats, profile);
    WriteOrigins(book, formats, profile);
    WritePartners(book, formats, profile);
    WriteUnitValues(book, formats, profile);
    WriteFindings(book, formats, profile);
    if (!book.Close()) return Unavailable(book.failure());
  }

  auto bytes = xlsx::ReadBack(file.path());
  if (!bytes.ok()) return Unavailable(bytes.error().message);
  return bytes;
}

}  // namespace haiquan::http
