#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "storage/sqlite/fold_sums.h"
#include "storage/sqlite/profile_folder.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;

constexpr const char* kWatermark = "SELECT value FROM fold_state WHERE name = ?1";
constexpr const char* kSetWatermark = "UPDATE fold_state SET value = ?2 WHERE name = ?1";

// A buffer keeps the histograms it wrote for the next ones, up to this many (and the names
// they use, up to this many): beyond, it lets them go and reads them again as needed. About
// 150 bytes a histogram.
constexpr size_t kKeepHistograms = 200'000;
constexpr size_t kKeepNames = 1'000'000;

domain::Status Done(Connection& db, Statement& st) {
  if (st.Step() != SQLITE_DONE) {
    return Error::Unavailable("profile write failed: " + db.ErrorMessage());
  }
  return domain::Ok();
}

domain::Result<int64_t> Watermark(Connection& db, const char* name) {
  auto st = db.Prepare(kWatermark);
  st.Bind(1, name);
  if (st.Step() != SQLITE_ROW)
    return Error::Unavailable("profile read failed: " + db.ErrorMessage());
  return st.Int(0);
}

domain::Status SetWatermarks(Connection& db, std::pair<int64_t, int64_t> marks) {
  for (auto [name, value] :
       {std::pair{"declarations", marks.first}, std::pair{"inspections", marks.second}}) {
    auto st = db.Prepare(kSetWatermark);
    st.Bind(1, name).Bind(2, value);
    if (auto s = Done(db, st); !s.ok()) return s;
  }
  return domain::Ok();
}

}  // namespace

FoldBuffer::FoldBuffer() : sums_(std::make_unique<FoldSums>()) {}
FoldBuffer::~FoldBuffer() = default;
FoldBuffer::FoldBuffer(FoldBuffer&&) noexcept = default;
FoldBuffer& FoldBuffer::operator=(FoldBuffer&&) noexcept = default;

domain::Result<int64_t> FoldBuffer::Read(Connection& profiles, Connection& main, int limit,
                                         std::pair<int64_t, int64_t> index_marks,
                                         ProfileDelta& for_index) {
  // One snapshot of the profile file for its marks and the histograms read below: if another
  // process folded since this buffer began, its histograms already count what we would add.
  ReadSnapshot profile_snapshot(profiles);
  auto declared = Watermark(profiles, "declarations");
  auto inspected = Watermark(profiles, "inspections");
  if (!declared.ok()) return declared.error();
  if (!inspected.ok()) return inspected.error();
  std::pair<int64_t, int64_t> file_marks{*declared, *inspected};
  if (empty()) {
    // The histograms kept from our last write are the file's only if nobody folded since.
    if (file_marks != written_) *sums_ = FoldSums{};
    base_ = to_ = file_marks;
  } else if (file_marks != base_) {
    return Error::Conflict("the profile database was folded elsewhere");
  }
  if (index_marks != to_) return Error::Conflict("the profile database was folded elsewhere");
  ProfileDelta delta;
  int64_t moved = 0;
  {
    ReadSnapshot snapshot(main);
    sums_->Begin(&delta);
    auto d = sums_->ReadDeclarations(main, profiles, to_.first, limit, INT64_MAX);
    auto i = d.ok() ? sums_->ReadInspections(main, to_.second, limit, INT64_MAX) : d;
    sums_->End();
    if (!d.ok() || !i.ok()) {
      // The sums may hold part of the read: start again from the file's marks.
      *this = FoldBuffer{};
      return (d.ok() ? i : d).error();
    }
    moved = (*d - to_.first) + (*i - to_.second);
    if (moved == 0) return int64_t{0};
    delta.to_declaration = *d;
    delta.to_inspection = *i;
  }
  if (buffered_ == 0) since_ = std::chrono::steady_clock::now();
  buffered_ += moved;
  to_ = {delta.to_declaration, delta.to_inspection};
  for_index = std::move(delta);
  return moved;
}

domain::Status FoldBuffer::Flush(Connection& profiles) {
  if (empty()) return domain::Ok();
  if (profiles.Exec("BEGIN IMMEDIATE") != SQLITE_OK) {
    return Error::Unavailable("profile database busy: " + profiles.ErrorMessage());
  }
  auto write = [&]() -> domain::Status {
    auto declared = Watermark(profiles, "declarations");
    auto inspected = Watermark(profiles, "inspections");
    if (!declared.ok()) return declared.error();
    if (!inspected.ok()) return inspected.error();
    if (std::pair{*declared, *inspected} != base_) {
      return Error::Conflict("the profile database was folded elsewhere");
    }
    if (auto s = sums_->Write(profiles); !s.ok()) return s;
    return SetWatermarks(profiles, to_);
  };
  auto s = write();
  if (s.ok() && profiles.Exec("COMMIT") != SQLITE_OK) {
    s = Error::Unavailable("profile commit failed: " + profiles.ErrorMessage());
  }
  if (!s.ok()) {
    profiles.Exec("ROLLBACK");
    // The buffer is spent: the folder loads the index again and folds from the file's marks.
    *this = FoldBuffer{};
    return s;
  }
  // The histograms written stay for the next reads, as the file has them at these marks.
  written_ = base_ = to_;
  buffered_ = 0;
  if (sums_->histograms() > kKeepHistograms || sums_->names() > kKeepNames) {
    *sums_ = FoldSums{};
  }
  return s;
}

domain::Result<int64_t> FoldOnce(Connection& profiles, Connection& main, int limit,
                                 BaselineIndex* index) {
  // IMMEDIATE: a second process folding the same files waits here, then sees our watermark.
  if (profiles.Exec("BEGIN IMMEDIATE") != SQLITE_OK) {
    return Error::Unavailable("profile database busy: " + profiles.ErrorMessage());
  }
  auto fold = [&]() -> domain::Result<int64_t> {
    auto declared = Watermark(profiles, "declarations");
    auto inspected = Watermark(profiles, "inspections");
    if (!declared.ok()) return declared.error();
    if (!inspected.ok()) return inspected.error();
    if (index && index->Watermarks() != std::pair{*declared, *inspected}) {
      return Error::Conflict("the profile database was folded elsewhere");
    }
    FoldSums sums;
    ProfileDelta delta;
    std::optional<ReadSnapshot> snapshot(std::in_place, main);  // one snapshot of main
    sums.Begin(index ? &delta : nullptr);
    auto last_declaration = sums.ReadDeclarations(main, profiles, *declared, limit, INT64_MAX);
    auto last_inspection = last_declaration.ok()
                               ? sums.ReadInspections(main, *inspected, limit, INT64_MAX)
                               : last_declaration;
    sums.End();
    snapshot.reset();
    if (!last_declaration.ok()) return last_declaration.error();
    if (!last_inspection.ok()) return last_inspection.error();
    int64_t folded = (*last_declaration - *declared) + (*last_inspection - *inspected);
    if (folded == 0) return int64_t{0};
    if (auto s = sums.Write(profiles); !s.ok()) return s.error();
    if (auto s = SetWatermarks(profiles, {*last_declaration, *last_inspection}); !s.ok()) {
      return s.error();
    }
    // Before the commit, so that whoever sees the profile see the checks agree with it; if the
    // commit fails the folder loads the index again.
    delta.to_declaration = *last_declaration;
    delta.to_inspection = *last_inspection;
    if (index) index->Post(std::move(delta));
    return folded;
  };
  auto r = fold();
  if (!r.ok() || profiles.Exec("COMMIT") != SQLITE_OK) {
    std::string why = r.ok() ? profiles.ErrorMessage() : r.error().message;
    profiles.Exec("ROLLBACK");
    return Error::Unavailable("profile fold failed: " + why);
  }
  return r;
}

domain::Status CatchUpIndex(Connection& profiles, Connection& main, BaselineIndex& index,
                            int limit) {
  ReadSnapshot profile_snapshot(profiles);  // the watermarks and histograms of one moment
  auto declared = Watermark(profiles, "declarations");
  auto inspected = Watermark(profiles, "inspections");
  if (!declared.ok()) return declared.error();
  if (!inspected.ok()) return inspected.error();
  // The histograms as that fold left them: each replaces the index's copy.
  FoldSums sums(FoldSums::Mode::kCatchUp);
  for (;;) {
    auto [from_declaration, from_inspection] = index.Watermarks();
    if (from_declaration > *declared || from_inspection > *inspected) {
      return Error::Conflict("the index is ahead of the profile database");
    }
    if (from_declaration == *declared && from_inspection == *inspected) return domain::Ok();
    ProfileDelta delta;
    {
      ReadSnapshot snapshot(main);
      sums.Begin(&delta);
      auto d = sums.ReadDeclarations(main, profiles, from_declaration, limit, *declared);
      auto i = d.ok() ? sums.ReadInspections(main, from_inspection, limit, *inspected) : d;
      sums.End();
      if (!d.ok()) return d.error();
      if (!i.ok()) return i.error();
      // Ids the other fold passed over (rolled back) are not read again: jump to its marks.
      delta.to_declaration = *d == from_declaration ? *declared : *d;
      delta.to_inspection = *i == from_inspection ? *inspected : *i;
    }
    index.Post(std::move(delta));
  }
}

}  // namespace haiquan::storage::sqlite
