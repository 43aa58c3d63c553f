#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace haiquan::domain {

// N4: names are matched without regard to case or Vietnamese marks, with a few typos allowed,
// so that "Nguyen Van Hnug" finds "Nguyễn Văn Hùng".

// The words of a name, lower case, without marks ("Đặng Thị Mỹ" -> "dang", "thi", "my").
std::vector<std::string> NameTokens(std::string_view name);

// How many edits a word of this length may carry and still match: none for short words,
// where one edit makes another common name, one up to 7 letters, two beyond. Letters are code
// points, and so are edits and deletions below: a Thai, Lao or Chinese letter is one letter.
int TypoBudget(std::string_view token);
// For a pair: the longer word's budget, so that a letter dropped from "Tran" ("Tan") still
// finds it.
int TypoBudget(std::string_view a, std::string_view b);

// Optimal string alignment distance (an adjacent swap is one edit); `limit + 1` as soon as the
// distance is known to exceed `limit`.
int EditDistance(std::string_view a, std::string_view b, int limit);

// Every word one deletion away from `token`, without repeats: two words within one edit of each
// other share one of these or each other (the symmetric-delete index).
std::vector<std::string> OneDeletes(std::string_view token);

// How well a name answers the query's words, from 0 (a word has no match within its typo
// budget) to 1 (every word exactly, and nothing more).
double NameMatchScore(const std::vector<std::string>& query, std::string_view name);

}  // namespace haiquan::domain
