#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "domain/result.h"
#include "storage/sqlite/baseline_index.h"
#include "storage/sqlite/connection.h"

namespace haiquan::storage::sqlite {

class FoldSums;

// Folds what the main database committed since the watermarks (declarations, then inspection
// findings, up to `limit` of each) into the profile database, summed per key, in one profile
// transaction with the new watermarks. Answers how far the watermarks moved (0: nothing new).
// With an index, hands it the changes; Conflict if the index is not at the same watermarks
// (another process folded meanwhile): it must be loaded again.
domain::Result<int64_t> FoldOnce(Connection& profiles, Connection& main, int limit = 5000,
                                 BaselineIndex* index = nullptr);
// Brings the index up to the profile database's watermarks when another process folded past
// it: the same reading of the main database that the fold did, with the histograms as that
// fold wrote them. Conflict if the index is ahead (a fold of ours that did not commit).
domain::Status CatchUpIndex(Connection& profiles, Connection& main, BaselineIndex& index,
                            int limit = 5000);

// While filings keep coming, the server's folder hands every fold to the checks at once (they
// read it from memory) but writes the profile database only every few seconds: summed over
// thousands of filings, a trader's rows are written once rather than once a filing, and the
// writes cost the filings next to them CPU (docs/benchmarks.md). What is buffered is lost in a
// crash, and folded again from the file's marks.
class FoldBuffer {
 public:
  FoldBuffer();
  ~FoldBuffer();
  FoldBuffer(FoldBuffer&&) noexcept;
  FoldBuffer& operator=(FoldBuffer&&) noexcept;

  // Reads what was committed after the buffer's marks (empty: the file's), adds it, and gives
  // the index the delta with its histograms as they will be written. Conflict if the index is
  // not at those marks (another process folded). Answers how far the marks moved.
  domain::Result<int64_t> Read(Connection& profiles, Connection& main, int limit,
                               std::pair<int64_t, int64_t> index_marks, ProfileDelta& for_index);
  // Writes the buffer in one profile transaction with its marks, then empties it; Conflict if
  // the file's marks moved since the first read (another process folded).
  domain::Status Flush(Connection& profiles);

  bool empty() const { return buffered_ == 0; }
  int64_t buffered() const { return buffered_; }
  std::chrono::steady_clock::time_point since() const { return since_; }

 private:
  // The sums since the last write, and the histograms as they will be written; the
  // histograms stay after a write, for the reads that follow.
  std::unique_ptr<FoldSums> sums_;
  std::pair<int64_t, int64_t> base_{0, 0}, to_{0, 0};  // declarations, inspections
  std::pair<int64_t, int64_t> written_{-1, -1};        // the file's marks after our last write
  int64_t buffered_ = 0;
  std::chrono::steady_clock::time_point since_;
};

// The profile database beside the main one (PATH-profiles): trader profiles and anomaly
// baselines as a projection of the committed declarations and findings, kept up to date by a
// thread of its own. Filing commits only its own rows, and the profile follows within
// milliseconds, with its own commits and WAL: profile upkeep never slows the one writer of the
// main database. Derived data only, rebuilt from the watermarks after a crash, and from
// scratch if the file is lost or its schema is older than this binary.
class ProfileFolder {
 public:
  // Creates or upgrades the profile database. Throws std::runtime_error at start-up. With an
  // index, keeps it current with each fold and registry change, once loaded: at start if
  // `load_index` (a server), else when a filing first asks for a baseline (CLI commands, which
  // mostly never do, and then fold without it).
  ProfileFolder(const std::string& main_path, std::string profile_path,
                BaselineIndex* index = nullptr, bool load_index = true);
  ~ProfileFolder();  // folds what is committed, then stops
  ProfileFolder(const ProfileFolder&) = delete;
  ProfileFolder& operator=(const ProfileFolder&) = delete;

  static std::string PathFor(const std::string& main_path) { return main_path + "-profiles"; }
  const std::string& path() const { return path_; }

  // Something was committed: fold it soon. Cheap; any thread.
  void Notify();
  // Returns once everything committed before the call is folded (demo, tests, benchmarks).
  domain::Status Sync();

 private:
  void Loop();

  std::string path_;
  BaselineIndex* index_;
  bool index_current_ = false;  // folding thread only
  std::atomic<bool> index_wanted_;
  Connection profiles_;
  Connection main_;
  std::mutex mu_;
  std::condition_variable wake_;    // the folding thread
  std::condition_variable synced_;  // Sync callers
  // Something was committed since the folder last looked (initially: what was committed while
  // no server ran). Atomic so that Notify, called by the main writer after every commit, takes
  // no lock while a notice is already pending: under load it is then one atomic exchange, and
  // the writer never waits for a folder that the scheduler left holding mu_ (it runs at the
  // lowest priority).
  std::atomic<bool> pending_ = true;
  bool stopping_ = false;
  std::atomic<bool> stop_requested_ = false;  // read by a long index load
  uint64_t requested_ = 0;                    // Sync tickets
  uint64_t served_ = 0;
  domain::Status last_ = domain::Ok();
  // Folding thread only: filings folded since `window_start_`, and whether that rate makes
  // this node busy (folds gather, the profile database is written every few seconds).
  bool busy_ = false;
  int64_t window_folded_ = 0;
  std::chrono::steady_clock::time_point window_start_;
  std::chrono::steady_clock::time_point last_fold_;  // when the last fold began
  FoldBuffer buffer_;                                // folding thread only
  std::thread thread_;
};

}  // namespace haiquan::storage::sqlite
