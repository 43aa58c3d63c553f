#include "app/query_declarations.h"

#include <memory>

namespace haiquan::app {

void QueryDeclarations::Get(const Caller& caller, int64_t id,
                            std::function<void(domain::Result<StoredDeclaration>)> done) const {
  auto rec = store_.Get(id);
  std::string outcome = "ok";
  if (!rec.ok()) {
    outcome = rec.error().code == domain::ErrorCode::kNotFound ? "not_found" : "failed";
  } else if (!domain::MaySee(caller.principal, rec->declaration)) {
    outcome = "denied";
    rec = domain::Error::NotFound("no declaration " + std::to_string(id));
  }
  if (rec.ok()) domain::RedactFor(caller.principal, rec->decision);
  auto shared = std::make_shared<domain::Result<StoredDeclaration>>(std::move(rec));
  audit_.Append(caller.Event(FormatTimestamp(clock_.Now()), "declaration.read", "declaration",
                             std::to_string(id), outcome),
                [shared, done = std::move(done)](domain::Status s) {
                  // Fail closed: a read that cannot be recorded is not answered.
                  if (!s.ok()) return done(s.error());
                  done(std::move(*shared));
                });
}

domain::Result<DeclarationStats> QueryDeclarations::Stats(const std::string& from,
                                                          const std::string& to, int top) const {
  if (top < 1 || top > 50) {
    return domain::Error::Invalid("bad reason count",
                                  {{"/top", "out_of_range", "must be between 1 and 50"}});
  }
  return store_.Stats(from, to, top);
}

void QueryDeclarations::List(const Caller& caller, DeclarationQuery q,
                             std::function<void(domain::Result<DeclarationPage>)> done) const {
  if (q.limit < 1 || q.limit > kMaxPageSize) {
    return done(domain::Error::Invalid(
        "bad page size",
        {{"/limit", "out_of_range", "must be between 1 and " + std::to_string(kMaxPageSize)}}));
  }
  domain::Result<DeclarationPage> page = DeclarationPage{};
  if (caller.principal.ActsForTrader()) {
    const auto& own = caller.principal.trader_tax_id;
    // Asking for another trader's declarations finds none of them.
    if (own.empty() || (q.trader && *q.trader != own)) {
      page = DeclarationPage{};
    } else {
      q.trader = own;
      page = store_.List(q);
    }
  } else {
    page = store_.List(q);
  }
  std::string detail;
  if (q.trader) detail += "trader=" + *q.trader;
  if (q.lane)
    detail +=
        std::string(detail.empty() ? "" : " ") + "lane=" + std::string(domain::ToString(*q.lane));
  auto shared = std::make_shared<domain::Result<DeclarationPage>>(std::move(page));
  audit_.Append(caller.Event(FormatTimestamp(clock_.Now()), "declaration.list", "declaration", "",
                             shared->ok() ? "ok" : "failed", detail),
                [shared, done = std::move(done)](domain::Status s) {
                  if (!s.ok()) return done(s.error());
                  done(std::move(*shared));
                });
}

}  // namespace haiquan::app
