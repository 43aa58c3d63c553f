#pragma once

#include <sqlite3.h>

namespace haiquan::storage::sqlite {

// Registers hq_rank(fts_table) on a connection: BM25 over the first column (the text) without
// the inverse document frequency. FTS5's own bm25() counts, for every query, how many rows hold
// each word, walking the whole posting list of a word as common as "passenger" or of a filter's
// facet word; every row a search ranks holds every query word anyway, so term frequency and
// length alone order them, at a cost per ranked row only. Lower is better, as with bm25().
void RegisterTextRank(sqlite3* db);

}  // namespace haiquan::storage::sqlite
