#include "domain/enforcement/name_match.h"

#include <algorithm>

#include "domain/enterprise.h"

namespace haiquan::domain {

std::vector<std::string> NameTokens(std::string_view name) {
  // AddressKey already reduces text to lower-case words without marks.
  std::string folded = AddressKey(name);
  std::vector<std::string> out;
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) out.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

namespace {

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The length of the UTF-8 sequence a lead byte starts (tokens are valid UTF-8: NameTokens folds
// malformed bytes away).
size_t SequenceLength(unsigned char lead) {
  return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

// A typo is one letter, not one byte of a Thai or Chinese letter: non-ASCII words are compared
// by code point.
std::u32string CodePoints(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto lead = static_cast<unsigned char>(s[i]);
    size_t len = std::min(SequenceLength(lead), s.size() - i);
    char32_t c = len == 1 ? lead : lead & (0x7F >> len);
    for (size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(c);
    i += len;
  }
  return out;
}

template <typename Char>
int Osa(std::basic_string_view<Char> a, std::basic_string_view<Char> b, int limit) {
  int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], limit + 1);
}

}  // namespace

int TypoBudget(std::string_view token) {
  size_t letters = std::count_if(token.begin(), token.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
  if (letters <= 3) return 0;
  return letters <= 7 ? 1 : 2;
}

int TypoBudget(std::string_view a, std::string_view b) {
  return std::max(TypoBudget(a), TypoBudget(b));
}

int EditDistance(std::string_view a, std::string_view b, int limit) {
  if (IsAscii(a) && IsAscii(b)) return Osa(a, b, limit);
  std::u32string x = CodePoints(a), y = CodePoints(b);
  return Osa(std::u32string_view(x), std::u32string_view(y), limit);
}

std::vector<std::string> OneDeletes(std::string_view token) {
  std::vector<std::string> out;
  for (size_t i = 0; i < token.size();) {
    size_t len = std::min(SequenceLength(static_cast<unsigned char>(token[i])), token.size() - i);
    std::string d;
    d.reserve(token.size() - len);
    d.append(token.substr(0, i)).append(token.substr(i + len));
    if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(std::move(d));
    i += len;
  }
  return out;
}

double NameMatchScore(const std::vector<std::string>& query, std::string_view name) {
  if (query.empty()) return 0;
  std::vector<std::string> words = NameTokens(name);
  if (words.empty()) return 0;
  double total = 0;
  std::vector<bool> used(words.size(), false);
  for (const auto& q : query) {
    double best = 0;
    size_t best_at = words.size();
    for (size_t i = 0; i < words.size(); ++i) {
      if (used[i]) continue;
      int budget = TypoBudget(q, words[i]);
      int d = EditDistance(q, words[i], budget);
      double s = d > budget ? 0 : 1.0 - 0.2 * d;
      if (s > best) {
        best = s;
        best_at = i;
      }
    }
    if (best == 0) return 0;
    used[best_at] = true;
    total += best;
  }
  double coverage = static_cast<double>(query.size()) / std::max(query.size(), words.size());
  return total / query.size() * (0.8 + 0.2 * coverage);
}

}  // namespace haiquan::domain
