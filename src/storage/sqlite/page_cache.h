#pragma once

#include <cstdint>

namespace haiquan::storage::sqlite {

// Puts a thin layer over SQLite's own page cache that spares the writer a walk of its whole
// page cache at most commits. Must run before SQLite is initialised; returns false (and changes
// nothing) when it is too late.
//
// Why: when a B-tree page splits, SQLite renumbers the new pages through a temporary page
// number one past the 1 GiB lock page (balance_nonroot), and its cache (pcache1) remembers that
// number as the highest it has seen. Every commit then truncates the cache to the database's
// size, and since the highest key is far above it, pcache1 walks every hash bucket and page of
// the cache, although no page is left there: ~4 % of the server's CPU at 5,000 filings a second
// (perf), growing with the cache. This layer tracks an upper bound of the keys in use, with the
// temporary number set apart while a page holds it, and skips truncations that have nothing to
// drop. Everything else goes straight to pcache1.
bool InstallPageCache();

// Since the process started, over every cache: truncations passed on to pcache1, and those
// skipped as having nothing to drop.
struct PageCacheCounts {
  uint64_t truncated = 0;
  uint64_t skipped = 0;
};
PageCacheCounts PageCacheCountsNow();

}  // namespace haiquan::storage::sqlite
