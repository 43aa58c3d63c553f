#include "app/file_declaration.h"

#include <algorithm>
#include <iterator>

#include "domain/date.h"
#include "domain/declaration_validation.h"
#include "domain/lifecycle.h"

namespace haiquan::app {
namespace {

struct PartyCheck {
  std::vector<domain::FieldError> refusals;
  std::vector<domain::Reason> warnings;
  std::vector<domain::Enterprise> provisional;
};

// T1: every party with a Vietnamese tax id must be registered and active. One the registry does
// not know is registered provisionally from the declaration, and the decision says so.
PartyCheck CheckParties(const TraderDirectory& traders, const domain::Declaration& d,
                        const std::string& at, const std::string& actor) {
  PartyCheck out;
  auto check = [&](const domain::Party& p, const char* role) {
    if (!domain::IsTaxId(p.tax_id)) return;
    std::string pointer = std::string("/") + role + "/taxId";
    auto entry = traders.Find(p.tax_id);
    if (entry && !domain::MayTrade(entry->status)) {
      out.refusals.push_back({pointer, "trader_not_active",
                              "enterprise " + p.tax_id + " is " +
                                  std::string(domain::ToString(entry->status)) +
                                  ": no declaration may be filed for it"});
    } else if (!entry) {
      bool seen = false;
      for (const auto& e : out.provisional) seen = seen || e.tax_id == p.tax_id;
      if (seen) return;
      domain::Enterprise e;
      e.tax_id = p.tax_id;
      e.name = p.name;
      e.address = p.address;
      e.provisional = true;
      e.updated_at = at;
      e.updated_by = actor;
      out.provisional.push_back(std::move(e));
      out.warnings.push_back({"TRADER:NEW_UNVERIFIED",
                              std::string(role) + " " + p.tax_id +
                                  " is not in the registry: registered provisionally from this "
                                  "declaration, unverified"});
    } else if (entry->provisional) {
      out.warnings.push_back({"TRADER:UNVERIFIED", std::string(role) + " " + p.tax_id +
                                                       " is registered provisionally, unverified"});
    }
  };
  check(d.declarant, "declarant");
  if (d.importer) check(*d.importer, "importer");
  if (d.exporter) check(*d.exporter, "exporter");
  return out;
}

}  // namespace

void FileDeclaration::Execute(const Caller& caller, domain::Declaration declaration, Done done,
                              std::vector<domain::FieldError> input_faults) const {
  auto faults = std::move(input_faults);
  for (auto& f : domain::Validate(declaration, *reference_)) {
    bool known = std::any_of(faults.begin(), faults.end(),
                             [&](const auto& g) { return g.pointer == f.pointer; });
    if (!known) faults.push_back(std::move(f));
  }
  if (!faults.empty()) {
    done(domain::Error::Invalid("the declaration is not valid", std::move(faults)));
    return;
  }
  if (!domain::MayFile(caller.principal, declaration)) {
    done(domain::Error::Forbidden(
        "you may file only as your own enterprise",
        {{"/declarant/taxId", "not_your_enterprise",
          "the declarant must be tax id " + caller.principal.trader_tax_id}}));
    return;
  }
  // One reading of the clock: the filing time, the audit time and the rules' date agree.
  std::string filed_at = FormatTimestamp(clock_.Now());
  PartyCheck parties;
  if (traders_) {
    parties = CheckParties(*traders_, declaration, filed_at, caller.principal.name);
    if (!parties.refusals.empty()) {
      done(domain::Error::Invalid("an enterprise on the declaration may not trade",
                                  std::move(parties.refusals)));
      return;
    }
  }
  NewFiling filing;
  auto started = std::chrono::steady_clock::now();
  std::string today = filed_at.substr(0, 10);
  std::vector<risk::Signal> signals;
  if (profiles_) {
    // T3: the trader's profile as it stood before this filing. Without it the lane is still
    // decided, and the decision says the profile was not consulted.
    auto baseline = profiles_->Baseline(declaration, today);
    if (baseline.ok()) {
      signals = risk::DetectAnomalies(declaration, *baseline, today, anomalies_);
    } else {
      parties.warnings.push_back(
          {"PROFILE:UNAVAILABLE", "the trader's profile could not be read; no anomaly checks"});
    }
  }
  std::shared_ptr<risk::LiveModel> model = engine_.Model();
  std::optional<risk::LiveModel::Assessment> assessed;
  if (model) {
    // R2: the model scores what was known at filing; it learns the filing once stored.
    if (auto day = domain::ParseDate(today)) {
      assessed = model->Assess(declaration, *day);
      signals.insert(signals.end(), std::make_move_iterator(assessed->signals.begin()),
                     std::make_move_iterator(assessed->signals.end()));
      assessed->signals.clear();
    }
  }
  filing.decision = engine_.Current()->Decide(declaration, today, signals);
  if (observer_) {
    observer_->Decided(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  for (auto& w : parties.warnings) filing.decision.reasons.push_back(std::move(w));
  filing.provisional_traders = std::move(parties.provisional);
  filing.status = domain::StatusAfterLane(filing.decision.lane);
  filing.filed_at = std::move(filed_at);
  filing.audit = caller.Event(filing.filed_at, "declaration.file", "declaration", "", "ok",
                              declaration.declarant_reference);
  filing.declaration = std::move(declaration);
  if (!filing.provisional_traders.empty()) {
    std::vector<std::string> registered;
    for (const auto& e : filing.provisional_traders) registered.push_back(e.tax_id);
    done = [traders = traders_, registered = std::move(registered),
            done = std::move(done)](domain::Result<FilingOutcome> r) {
      if (r.ok() && r->created) {
        for (const auto& tax_id : registered) traders->AddProvisional(tax_id);
      }
      done(std::move(r));
    };
  }
  if (assessed) {
    // Learnt once, and only if stored: a repeated reference answers the original and teaches
    // nothing, so refiling cannot make a trader look established.
    // Shared: the callback is a std::function and may be copied on its way to the writer.
    done = [model = std::move(model),
            assessed = std::make_shared<risk::LiveModel::Assessment>(std::move(*assessed)),
            done = std::move(done)](domain::Result<FilingOutcome> r) {
      if (r.ok() && r->created) model->Learn(*assessed);
      done(std::move(r));
    };
  }
  if (!caller.principal.ActsForTrader()) return store_.File(std::move(filing), std::move(done));
  // The reference may be another enterprise's: then its original is not this caller's to see.
  store_.File(std::move(filing), [principal = caller.principal,
                                  done = std::move(done)](domain::Result<FilingOutcome> r) {
    if (r.ok() && !r->created && !domain::MaySee(principal, r->record.declaration)) {
      return done(domain::Error::Conflict("this declarant reference is already in use"));
    }
    if (r.ok()) domain::RedactFor(principal, r->record.decision);
    done(std::move(r));
  });
}

}  // namespace haiquan::app
