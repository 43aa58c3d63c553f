#include "storage/sqlite/text_rank.h"

#include <array>
#include <cstddef>

namespace haiquan::storage::sqlite {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr int kMaxPhrases = 64;

void TextRank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* out, int,
              sqlite3_value**) {
  sqlite3_int64 rows = 0, total = 0;
  int length = 0, instances = 0;
  if (api->xRowCount(fts, &rows) != SQLITE_OK ||
      api->xColumnTotalSize(fts, 0, &total) != SQLITE_OK ||
      api->xColumnSize(fts, 0, &length) != SQLITE_OK ||
      api->xInstCount(fts, &instances) != SQLITE_OK) {
    sqlite3_result_error(out, "hq_rank: cannot read the row", -1);
    return;
  }
  std::array<int, kMaxPhrases> tf{};
  for (int i = 0; i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    if (api->xInst(fts, i, &phrase, &column, &offset) != SQLITE_OK) break;
    if (column == 0 && phrase >= 0 && phrase < kMaxPhrases) ++tf[static_cast<size_t>(phrase)];
  }
  double average =
      rows > 0 && total > 0 ? static_cast<double>(total) / static_cast<double>(rows) : 1;
  double norm = kK1 * (1 - kB + kB * length / average);
  double score = 0;
  for (int f : tf) {
    if (f > 0) score += f * (kK1 + 1) / (f + norm);
  }
  sqlite3_result_double(out, -score);
}

}  // namespace

void RegisterTextRank(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) return;
  sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  if (api) api->xCreateFunction(api, "hq_rank", nullptr, &TextRank, nullptr);
}

}  // namespace haiquan::storage::sqlite
