#pragma once

#include "app/manage_cases.h"
#include "app/manage_enforcement.h"
#include "http/json_reader.h"

namespace haiquan::http {

// JSON of the enforcement databases (N1-N3). Readers collect every fault in `r`; members the
// server sets (id, version, who and when) are refused in a body, except "version", which
// asks for an edit of that version.
// Member "links" of `o`: [{kind, id}] (a label sent back is ignored); written with labels.
std::vector<domain::RecordRef> ReadRefs(const json::object& o, JsonReader& r);
json::array WriteRefs(const std::vector<domain::RecordRef>& refs);

domain::Seizure ReadSeizure(const json::value& v, JsonReader& r, std::optional<int>* version);
json::object WriteSeizure(const domain::Seizure& s, bool details = true);
// An attachment with the addresses of its bytes and, for an image, of its thumbnail.
json::object WriteAttachment(int64_t seizure_id, const domain::Attachment& a);

domain::SuspectPerson ReadPerson(const json::value& v, JsonReader& r, std::optional<int>* version);
json::object WritePerson(const domain::SuspectPerson& p);
json::object WritePersonView(const app::PersonView& v);

domain::OffendingCompany ReadCompany(const json::value& v, JsonReader& r,
                                     std::optional<int>* version);
json::object WriteCompany(const domain::OffendingCompany& c);
json::object WriteCompanyView(const app::CompanyView& v);

json::object WriteHit(const app::SearchHit& h);
json::object WriteStats(const app::SeizureStats& s);

domain::Suspicion ReadSuspicion(const json::value& v, JsonReader& r, std::optional<int>* version);
json::object WriteSuspicion(const domain::Suspicion& s);

domain::Investigation ReadInvestigation(const json::value& v, JsonReader& r,
                                        std::optional<int>* version);
json::object WriteInvestigation(const domain::Investigation& i);
json::object WriteInvestigationView(const app::InvestigationView& v);
json::object WriteInvestigationSummary(const app::InvestigationSummary& s);
json::object WriteNote(const domain::InvestigationNote& n);
domain::InvestigationTask ReadTask(const json::value& v, JsonReader& r,
                                   std::optional<int>* version);
json::object WriteTask(const domain::InvestigationTask& t);

}  // namespace haiquan::http
