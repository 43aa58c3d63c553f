#include "domain/csv.h"

namespace haiquan::domain {

bool ReadCsv(std::string_view text, const std::function<void(std::vector<std::string>&)>& row,
             std::string* error) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  bool any = false;  // the current record has content
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        quoted = true;
        any = true;
        break;
      case ',':
        fields.push_back(std::move(field));
        field.clear();
        any = true;
        break;
      case '\r':
        break;
      case '\n':
        if (any || !field.empty()) {
          fields.push_back(std::move(field));
          row(fields);
        }
        fields.clear();
        field.clear();
        any = false;
        break;
      default:
        field += c;
        any = true;
    }
  }
  if (quoted) {
    if (error) *error = "unterminated quoted field";
    return false;
  }
  if (any || !field.empty()) {
    fields.push_back(std::move(field));
    row(fields);
  }
  return true;
}

}  // namespace haiquan::domain
