#include "storage/sqlite/page_cache.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <new>

namespace haiquan::storage::sqlite {
namespace {

sqlite3_pcache_methods2 inner;  // SQLite's own cache, which does the work
std::atomic<uint64_t> truncated{0};
std::atomic<uint64_t> skipped{0};

// One cache (one database file of one connection). SQLite calls a cache from one thread at a
// time, so the bookkeeping needs no lock.
struct Cache {
  sqlite3_pcache* inner = nullptr;
  // No page in the cache has a key above `bound`, except the one at `parked` (0: none): a key
  // above `bound` given by xRekey, as balance_nonroot does for a moment while it swaps two
  // pages' numbers.
  unsigned bound = 0;
  unsigned parked = 0;
};

Cache* Of(sqlite3_pcache* p) { return reinterpret_cast<Cache*>(p); }

int Init(void*) { return inner.xInit != nullptr ? inner.xInit(inner.pArg) : SQLITE_OK; }
void Shutdown(void*) {
  if (inner.xShutdown != nullptr) inner.xShutdown(inner.pArg);
}

sqlite3_pcache* Create(int page_size, int extra, int purgeable) {
  auto* c = new (std::nothrow) Cache;
  if (c == nullptr) return nullptr;
  c->inner = inner.xCreate(page_size, extra, purgeable);
  if (c->inner == nullptr) {
    delete c;
    return nullptr;
  }
  return reinterpret_cast<sqlite3_pcache*>(c);
}

void Cachesize(sqlite3_pcache* p, int n) { inner.xCachesize(Of(p)->inner, n); }
int Pagecount(sqlite3_pcache* p) { return inner.xPagecount(Of(p)->inner); }

sqlite3_pcache_page* Fetch(sqlite3_pcache* p, unsigned key, int create) {
  Cache* c = Of(p);
  sqlite3_pcache_page* page = inner.xFetch(c->inner, key, create);
  // A lookup without create never adds a key; one with create may have.
  if (page != nullptr && create != 0) c->bound = std::max(c->bound, key);
  return page;
}

void Unpin(sqlite3_pcache* p, sqlite3_pcache_page* page, int discard) {
  inner.xUnpin(Of(p)->inner, page, discard);
}

void Rekey(sqlite3_pcache* p, sqlite3_pcache_page* page, unsigned from, unsigned to) {
  Cache* c = Of(p);
  inner.xRekey(c->inner, page, from, to);
  if (c->parked != 0 && from == c->parked) c->parked = 0;
  if (to > c->bound) {
    if (c->parked == 0) {
      c->parked = to;
    } else {
      c->bound = to;  // a second parked page: not a case we know; stay exact by widening
    }
  }
}

void Truncate(sqlite3_pcache* p, unsigned limit) {
  Cache* c = Of(p);
  // Drops every page with a key at or above `limit`: nothing to do if there is none.
  if (c->bound < limit && (c->parked == 0 || c->parked < limit)) {
    skipped.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  truncated.fetch_add(1, std::memory_order_relaxed);
  inner.xTruncate(c->inner, limit);
  c->bound = limit == 0 ? 0 : std::min(c->bound, limit - 1);
  if (c->parked >= limit) c->parked = 0;
}

void Destroy(sqlite3_pcache* p) {
  Cache* c = Of(p);
  inner.xDestroy(c->inner);
  delete c;
}

void Shrink(sqlite3_pcache* p) { inner.xShrink(Of(p)->inner); }

}  // namespace

PageCacheCounts PageCacheCountsNow() {
  return {truncated.load(std::memory_order_relaxed), skipped.load(std::memory_order_relaxed)};
}

bool InstallPageCache() {
  if (sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &inner) != SQLITE_OK || inner.xCreate == nullptr) {
    return false;
  }
  static const sqlite3_pcache_methods2 kOuter = {
      1,      nullptr, &Init,  &Shutdown, &Create,  &Cachesize, &Pagecount,
      &Fetch, &Unpin,  &Rekey, &Truncate, &Destroy, &Shrink,
  };
  return sqlite3_config(SQLITE_CONFIG_PCACHE2, &kOuter) == SQLITE_OK;
}

}  // namespace haiquan::storage::sqlite
