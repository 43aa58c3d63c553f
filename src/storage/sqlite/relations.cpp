#include <map>

#include "storage/sqlite/profile_store.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;

constexpr const char* kByPerson =
    "SELECT theirs.tax_id, mine.role, theirs.role, p.id_number, p.full_name"
    " FROM enterprise_people mine"
    " JOIN enterprise_people theirs ON theirs.id_number = mine.id_number"
    "  AND theirs.tax_id != mine.tax_id"
    " JOIN persons p ON p.id_number = mine.id_number"
    " WHERE mine.tax_id = ?1 ORDER BY theirs.tax_id LIMIT 500";
// An address links only registered enterprises (a provisional one's address is as filed,
// unchecked, often just a city), and only if few share it: an address of dozens (an office
// tower, a registered agent) says nothing about ownership.
constexpr const char* kByAddress =
    "SELECT theirs.tax_id, theirs.address FROM enterprises mine"
    " JOIN enterprises theirs ON theirs.address_key = mine.address_key"
    "  AND theirs.tax_id != mine.tax_id AND theirs.provisional = 0"
    " WHERE mine.tax_id = ?1 AND mine.provisional = 0 AND mine.address_key != ''"
    "  AND (SELECT count(*) FROM enterprises c WHERE c.address_key = mine.address_key) <= 20"
    " ORDER BY theirs.tax_id";
constexpr const char* kEnterprise =
    "SELECT name, address, coalesce(registration_date, ''), status, aeo, provisional"
    " FROM enterprises WHERE tax_id = ?1";
constexpr const char* kViolations = "SELECT violations FROM trader_profiles WHERE tax_id = ?1";
constexpr const char* kOffences =
    "SELECT count(DISTINCT seizure_id) FROM trader_offences WHERE tax_id = ?1";
constexpr const char* kExists = "SELECT 1 FROM enterprises WHERE tax_id = ?1";

using Links = std::map<std::string, std::vector<app::Relation::Link>>;

domain::Result<Links> FindLinks(Connection& db, const std::string& tax_id) {
  Links out;
  int rc;
  {
    auto st = db.Prepare(kByPerson);
    st.Bind(1, tax_id);
    while ((rc = st.Step()) == SQLITE_ROW) {
      app::Relation::Link l;
      l.kind = "person";
      l.role_here = st.Text(1);
      l.role_there = st.Text(2);
      l.person_id = st.Text(3);
      l.person_name = st.Text(4);
      out[st.Text(0)].push_back(std::move(l));
    }
    if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db.ErrorMessage());
  }
  auto st = db.Prepare(kByAddress);
  st.Bind(1, tax_id);
  while ((rc = st.Step()) == SQLITE_ROW) {
    app::Relation::Link l;
    l.kind = "address";
    l.address = st.Text(1);
    out[st.Text(0)].push_back(std::move(l));
  }
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db.ErrorMessage());
  return out;
}

int64_t CountOf(Connection& db, const char* sql, const std::string& tax_id) {
  auto st = db.Prepare(sql);
  st.Bind(1, tax_id);
  return st.Step() == SQLITE_ROW ? st.Int(0) : 0;
}

}  // namespace

domain::Result<std::vector<app::Relation>> SqliteProfileStore::Relations(
    const std::string& tax_id) {
  auto db = readers_.Acquire();
  ReadSnapshot snapshot(*db);
  {
    auto st = db->Prepare(kExists);
    st.Bind(1, tax_id);
    if (st.Step() != SQLITE_ROW) return Error::NotFound("no enterprise " + tax_id);
  }
  auto links = FindLinks(*db, tax_id);
  if (!links.ok()) return links.error();
  std::vector<app::Relation> out;
  for (auto& [other, how] : *links) {
    app::Relation r;
    r.enterprise.tax_id = other;
    auto st = db->Prepare(kEnterprise);
    st.Bind(1, other);
    if (st.Step() == SQLITE_ROW) {
      r.enterprise.name = st.Text(0);
      r.enterprise.address = st.Text(1);
      r.enterprise.registration_date = st.Text(2);
      r.enterprise.status =
          domain::ParseEnterpriseStatus(st.Text(3)).value_or(domain::EnterpriseStatus::kActive);
      r.enterprise.aeo = st.Int(4) != 0;
      r.enterprise.provisional = st.Int(5) != 0;
    }
    // The two halves of the record that ANOMALY:LINKED_VIOLATOR reads, for the analyst who
    // follows it here.
    r.violations = CountOf(*db, kViolations, other);
    r.offences = CountOf(*db, kOffences, other);
    r.links = std::move(how);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace haiquan::storage::sqlite
