#pragma once

#include "domain/enforcement/records.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/record_codec.h"

namespace haiquan::storage::sqlite {

// The seizure columns after id and version, in bind order ?1..?24.
#define HQ_SEIZURE_COLUMNS                                                               \
  "occurred_at, day, office, place, detection_method, category, hs_code, description,"   \
  " quantity, unit, estimated_value, currency, concealment, transport_mode, conveyance," \
  " departure, destination, route, declaration_id, narrative, created_at, created_by,"   \
  " updated_at, updated_by"

inline void BindSeizure(Statement& st, const domain::Seizure& s) {
  st.Bind(1, s.occurred_at).Bind(2, s.Day()).Bind(3, s.office).Bind(4, s.place);
  st.Bind(5, s.detection_method).Bind(6, s.category).Bind(7, s.hs_code).Bind(8, s.description);
  if (s.quantity) {
    st.Bind(9, *s.quantity);
  } else {
    st.BindNull(9);
  }
  st.Bind(10, s.unit);
  if (s.estimated_value) {
    st.Bind(11, *s.estimated_value);
  } else {
    st.BindNull(11);
  }
  st.Bind(12, s.currency).Bind(13, s.concealment).Bind(14, s.transport_mode);
  st.Bind(15, s.conveyance).Bind(16, s.departure).Bind(17, s.destination);
  std::vector<std::string> legs;
  for (const auto& l : s.route) legs.push_back(JoinList({l.country, l.place}, kUnitSeparator));
  st.Bind(18, JoinList(legs));
  if (s.declaration_id) {
    st.Bind(19, *s.declaration_id);
  } else {
    st.BindNull(19);
  }
  st.Bind(20, s.narrative).Bind(21, s.created_at).Bind(22, s.created_by);
  st.Bind(23, s.updated_at).Bind(24, s.updated_by);
}

// A row selected as "id, version, " HQ_SEIZURE_COLUMNS.
inline domain::Seizure ReadSeizure(const Statement& st) {
  domain::Seizure s;
  s.id = st.Int(0);
  s.version = static_cast<int>(st.Int(1));
  s.occurred_at = st.Text(2);
  s.office = st.Text(4);
  s.place = st.Text(5);
  s.detection_method = st.Text(6);
  s.category = st.Text(7);
  s.hs_code = st.Text(8);
  s.description = st.Text(9);
  if (!st.IsNull(10)) s.quantity = st.Real(10);
  s.unit = st.Text(11);
  if (!st.IsNull(12)) s.estimated_value = st.Real(12);
  s.currency = st.Text(13);
  s.concealment = st.Text(14);
  s.transport_mode = st.Text(15);
  s.conveyance = st.Text(16);
  s.departure = st.Text(17);
  s.destination = st.Text(18);
  for (const auto& leg : SplitList(st.Text(19))) {
    auto f = SplitList(leg, kUnitSeparator);
    f.resize(2);
    s.route.push_back({f[0], f[1]});
  }
  if (!st.IsNull(20)) s.declaration_id = st.Int(20);
  s.narrative = st.Text(21);
  s.created_at = st.Text(22);
  s.created_by = st.Text(23);
  s.updated_at = st.Text(24);
  s.updated_by = st.Text(25);
  return s;
}

}  // namespace haiquan::storage::sqlite
