#!/usr/bin/env python3
"""Writes src/http/openapi.json. Edit here, run it, commit both; a test keeps it in step with the routes."""
import json, pathlib

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def problem(*codes):
    return {str(c): {"description": d, "content": {"application/problem+json": {"schema": ref("Problem")}}}
            for c, d in codes}
P400 = (400, "Malformed JSON, wrong member types or unknown members")
P404 = (404, "Not found")
P409 = (409, "Conflict with the record's state")
P413 = (413, "Body too large")
P415 = (415, "Body is not JSON")
P422 = (422, "Valid JSON that breaks a rule; `errors` names each field")
P503 = (503, "Storage unavailable; retry")
def ok(code, desc, schema, ctype="application/json"):
    return {str(code): {"description": desc, "content": {ctype: {"schema": schema}}}}
id_param = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
sec = [{"bearer": []}]

string = {"type": "string"}
party = {"type": "object", "additionalProperties": False, "properties": {
    "taxId": {"type": "string", "pattern": "^[A-Z0-9][A-Z0-9-]{3,19}$", "description": "WCO DM ID (e.g. 03A of Importer)"},
    "name": {"type": "string", "maxLength": 256}, "address": {"type": "string", "maxLength": 512},
    "country": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2"}}}
item = {"type": "object", "additionalProperties": False,
        "required": ["hsCode", "description", "originCountry", "quantity", "unit", "netMassKg", "grossMassKg", "value"],
        "properties": {
    "hsCode": {"type": "string", "pattern": "^[0-9]{6,10}$", "description": "first 6 digits: an HS 2022 subheading"},
    "description": {"type": "string", "maxLength": 512},
    "originCountry": {"type": "string", "pattern": "^[A-Z]{2}$"},
    "quantity": {"type": "number", "exclusiveMinimum": 0},
    "unit": {"type": "string", "pattern": "^[A-Z0-9]{1,3}$", "description": "UN/ECE Rec. 20"},
    "netMassKg": {"type": "number", "exclusiveMinimum": 0},
    "grossMassKg": {"type": "number", "exclusiveMinimum": 0},
    "value": {"type": "number", "minimum": 0}}}
declaration = {"type": "object", "additionalProperties": False,
    "required": ["declarantReference", "type", "office", "declarant", "transport", "invoice", "items"],
    "properties": {
    "declarantReference": {"type": "string", "pattern": "^[A-Za-z0-9_./-]{1,35}$", "description": "unique per declarant; refiling returns the original decision"},
    "type": {"type": "string", "enum": ["IM", "EX", "TR"]},
    "office": {"type": "string", "pattern": "^[A-Z0-9]{2,8}$"},
    "declarant": party, "importer": party, "exporter": party,
    "transport": {"type": "object", "additionalProperties": False, "required": ["mode", "departureCountry"], "properties": {
        "mode": {"type": "string", "pattern": "^[0-9]$", "description": "UN/ECE Rec. 19"},
        "conveyanceId": {"type": "string", "maxLength": 64},
        "departureCountry": {"type": "string", "pattern": "^[A-Z]{2}$"},
        "loadingPlace": {"type": "string", "pattern": "^[A-Z]{2}[A-Z2-9]{3}$", "description": "UN/LOCODE"},
        "dischargePlace": {"type": "string", "pattern": "^[A-Z]{2}[A-Z2-9]{3}$"}}},
    "invoice": {"type": "object", "additionalProperties": False, "required": ["currency", "incoterm", "amount"], "properties": {
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 4217"},
        "incoterm": {"type": "string", "enum": ["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF", "DAT"]},
        "amount": {"type": "number", "exclusiveMinimum": 0}}},
    "items": {"type": "array", "minItems": 1, "maxItems": 999, "items": item}}}
reason = {"type": "object", "properties": {"code": string, "message": string}}
lane = {"type": "string", "enum": ["green", "yellow", "red"]}
status = {"type": "string", "enum": ["received", "released", "awaiting_documents", "awaiting_inspection", "held"]}
filing_answer = {"type": "object", "properties": {
    "id": {"type": "integer"}, "declarantReference": string, "lane": lane, "status": status,
    "score": {"type": "number"}, "reasons": {"type": "array", "items": ref("Reason")}, "filedAt": {"type": "string", "format": "date-time"}}}
inspection = {"type": "object", "additionalProperties": False, "required": ["outcome"], "properties": {
    "outcome": {"type": "string", "enum": ["compliant", "discrepancy", "seizure"]},
    "description": {"type": "string"}, "revenueAdjustment": {"type": "number", "minimum": 0},
    "officer": string, "release": {"type": "boolean", "description": "release or hold; by default compliant and discrepancy release, seizure holds"}}}
stored = {"allOf": [ref("Declaration"), ref("FilingAnswer"), {"type": "object", "properties": {
    "inspections": {"type": "array", "items": {"type": "object", "properties": {
        "id": {"type": "integer"}, "outcome": string, "description": string, "revenueAdjustment": {"type": "number"},
        "officer": string, "resultingStatus": status, "recordedAt": string}}}}}]}
summary = {"type": "object", "properties": {k: v for k, v in {
    "id": {"type": "integer"}, "declarantReference": string, "type": string, "office": string,
    "declarantTaxId": string, "importerTaxId": string, "exporterTaxId": string, "lane": lane, "status": status,
    "score": {"type": "number"}, "invoiceAmount": {"type": "number"}, "currency": string,
    "itemCount": {"type": "integer"}, "filedAt": string}.items()}}
rule = {"type": "object", "required": ["code", "description", "field", "operator", "values"], "properties": {
    "id": {"type": "integer", "readOnly": True}, "version": {"type": "integer", "description": "on PUT: the version you edited; 409 if it changed"},
    "code": {"type": "string", "pattern": "^[A-Z0-9_-]{1,64}$"}, "description": string,
    "field": {"type": "string", "description": "see docs/risk-rules.md"},
    "operator": {"type": "string", "enum": ["eq", "ne", "in", "not_in", "prefix", "contains", "gt", "gte", "lt", "lte"]},
    "values": {"type": "array", "items": {"type": ["string", "number"]}},
    "lane": {"type": ["string", "null"], "enum": ["green", "yellow", "red", None]},
    "weight": {"type": "number", "description": "added to the score when no lane is set"},
    "validFrom": {"type": ["string", "null"], "format": "date"}, "validTo": {"type": ["string", "null"], "format": "date"},
    "active": {"type": "boolean", "description": "false retires the rule"},
    "updatedAt": {"type": "string", "readOnly": True}, "updatedBy": {"type": "string", "readOnly": True}}}
problem_schema = {"type": "object", "properties": {
    "type": string, "title": string, "status": {"type": "integer"}, "detail": string, "instance": string,
    "errors": {"type": "array", "items": {"type": "object", "properties": {
        "pointer": {"type": "string", "description": "RFC 6901 JSON pointer into the body"}, "code": string, "message": string}}}}}

name_param = {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}
role = {"type": "string", "enum": ["officer", "analyst", "investigator", "supervisor", "manager", "administrator", "trader", "api_client"]}
nullable = {"type": ["string", "null"]}
principal = {"type": "object", "properties": {"name": string, "role": role, "traderTaxId": nullable}}
user = {"type": "object", "properties": {"name": string, "role": role, "traderTaxId": nullable,
        "disabled": {"type": "boolean"}, "canSignIn": {"type": "boolean"}, "createdAt": string}}
new_user = {"type": "object", "additionalProperties": False, "required": ["name", "role"], "properties": {
    "name": {"type": "string", "pattern": "^[a-z0-9._@-]{1,64}$"}, "role": role,
    "traderTaxId": {"type": "string", "description": "required for trader and api_client: 10 digits, or 10-3 for a branch"},
    "password": {"type": "string", "minLength": 10, "maxLength": 1024}}}
issued = {"type": "object", "properties": {"token": {"type": "string", "description": "shown once; send as Authorization: Bearer TOKEN"},
          "expiresAt": nullable, "user": ref("User"), "apiKeyId": {"type": "integer", "description": "for API keys: the id that revokes it"}}}
apikey = {"type": "object", "properties": {"id": {"type": "integer"}, "user": string, "label": string, "createdAt": string, "revokedAt": nullable}}
audit_entry = {"type": "object", "properties": {k: string for k in
    ["at", "actor", "role", "action", "recordType", "recordId", "remote", "outcome", "detail", "prevHash", "hash"]} | {"seq": {"type": "integer"}}}
tax_param = {"name": "taxId", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[0-9]{10}(-[0-9]{3})?$"}}
enterprise = {"type": "object", "additionalProperties": False, "required": ["taxId", "name", "address", "registrationDate", "status"], "properties": {
    "taxId": {"type": "string", "pattern": "^[0-9]{10}(-[0-9]{3})?$", "description": "on PUT: the path's, or absent"},
    "name": {"type": "string", "maxLength": 256}, "address": {"type": "string", "maxLength": 512},
    "registrationDate": {"type": ["string", "null"], "format": "date"},
    "status": {"type": "string", "enum": ["active", "suspended", "dissolved", "tax_debt"], "description": "anything but active refuses filings that name it"},
    "aeo": {"type": "boolean", "description": "authorised economic operator"},
    "provisional": {"type": "boolean", "readOnly": True, "description": "registered from a declaration, unverified"},
    "owners": {"type": "array", "maxItems": 50, "items": ref("PersonLink"), "description": "on PUT: the whole list (absent: none)"},
    "legalRepresentatives": {"type": "array", "maxItems": 50, "items": ref("PersonLink")},
    "version": {"type": "integer", "description": "on PUT: the version you edited; 409 if it changed"},
    "updatedAt": {"type": "string", "readOnly": True}, "updatedBy": {"type": "string", "readOnly": True}}}
person_link = {"type": "object", "additionalProperties": False, "required": ["idNumber", "name"], "properties": {
    "idNumber": {"type": "string", "pattern": "^[A-Z0-9]{6,20}$", "description": "identity card or passport number; one person registry"},
    "name": {"type": "string", "maxLength": 256},
    "nationality": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2 (VN if absent)"},
    "share": {"type": "number", "exclusiveMinimum": 0, "maximum": 100, "description": "per cent of the capital; owners only"}}}
money_row = lambda key, extra: {"type": "object", "properties": {key: string, **extra, "currency": string, "value": {"type": "number"}}}
num = {"type": "number"}
integer = {"type": "integer"}
profile = {"type": "object", "description": "Kept up to date by every filing and finding; values per invoice currency", "properties": {
    "taxId": string, "enterprise": {"oneOf": [ref("Enterprise"), {"type": "null"}]},
    "declarations": integer, "firstFiledAt": {"type": ["string", "null"]}, "lastFiledAt": {"type": ["string", "null"]},
    "inspections": integer, "violations": {"type": "integer", "description": "findings other than compliant"},
    "months": {"type": "array", "items": money_row("month", {"lane": lane, "declarations": integer})},
    "chapters": {"type": "array", "items": money_row("chapter", {"items": integer})},
    "headings": {"type": "array", "items": money_row("heading", {"items": integer})},
    "origins": {"type": "array", "items": money_row("country", {"items": integer})},
    "partners": {"type": "array", "items": money_row("name", {"country": string, "declarations": integer})},
    "unitValues": {"type": "array", "items": {"type": "object", "properties": {"hsCode": string, "unit": string, "currency": string,
        "count": integer, "median": num, "q1": num, "q3": num, "usualLow": num, "usualHigh": num}}},
    "findings": {"type": "array", "items": {"type": "object", "properties": {"outcome": string, "count": integer, "revenueAdjustment": num}}}}}
relations = {"type": "object", "properties": {"taxId": string, "items": {"type": "array", "items": {"type": "object", "properties": {
    "taxId": string, "name": string, "address": string, "status": string, "provisional": {"type": "boolean"}, "violations": integer,
    "offences": {"type": "integer", "description": "seizures naming it"},
    "links": {"type": "array", "items": {"type": "object", "properties": {"kind": {"type": "string", "enum": ["person", "address"]},
        "person": {"type": "object", "properties": {"idNumber": string, "name": string}}, "roleHere": string, "roleThere": string, "address": string}}}}}}}}
person_version = {"type": "object", "properties": {"idNumber": string, "name": string, "nationality": string,
    "version": {"type": "integer"}, "updatedAt": string, "updatedBy": string}}
person = {"type": "object", "properties": {**person_version["properties"],
    "enterprises": {"type": "array", "items": {"type": "object", "properties": {"taxId": string, "name": string, "status": string,
        "role": {"type": "string", "enum": ["owner", "legal_representative"]}, "share": {"type": "number"}}}},
    "versions": {"type": "array", "items": person_version}}}
q = lambda name, desc, schema=string: {"name": name, "in": "query", "required": False, "description": desc, "schema": schema}

# N1-N6: the enforcement databases.
country = {"type": "string", "pattern": "^[A-Z]{2}$"}
stamp = {"id": {"type": "integer", "readOnly": True}, "version": {"type": "integer", "description": "send it back on PUT to refuse a stale edit (409)"},
         "createdAt": {"type": "string", "readOnly": True}, "createdBy": {"type": "string", "readOnly": True},
         "updatedAt": {"type": "string", "readOnly": True}, "updatedBy": {"type": "string", "readOnly": True}}
record_ref = {"type": "object", "required": ["kind", "id"], "properties": {
    "kind": {"type": "string", "enum": ["seizure", "person", "company", "suspicion", "declaration"]},
    "id": {"type": "integer", "minimum": 1}, "label": {"type": "string", "readOnly": True}}}
seizure = {"type": "object", "additionalProperties": False,
    "required": ["date", "office", "detectionMethod", "category", "description"], "properties": {
    "date": {"type": "string", "description": "YYYY-MM-DD or RFC 3339 UTC time, not in the future"},
    "office": {"type": "string", "maxLength": 16}, "place": {"type": "string", "maxLength": 256},
    "detectionMethod": {"type": "string", "enum": ["risk_profile", "xray", "dog", "intelligence", "random", "other"]},
    "category": {"type": "string", "enum": ["drugs", "tobacco", "wildlife", "ipr", "weapons", "currency", "cultural_goods", "revenue"]},
    "hsCode": {"type": "string", "pattern": "^([0-9]{2}){2,5}$"}, "description": {"type": "string", "maxLength": 1024},
    "quantity": {"type": "number", "minimum": 0}, "unit": {"type": "string", "maxLength": 16, "description": "required with a quantity"},
    "estimatedValue": {"type": "number", "minimum": 0}, "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "required with an estimated value"},
    "concealment": {"type": "string", "description": "a code of GET /api/v1/enforcement/concealments"},
    "transport": {"type": "object", "properties": {"mode": {"type": "string", "enum": ["sea", "air", "road", "rail", "post", "pedestrian", "other"]},
                                                    "identifier": {"type": "string", "maxLength": 64, "description": "vessel, flight, vehicle plate"}}},
    "route": {"type": "object", "properties": {"departure": country, "destination": country,
        "legs": {"type": "array", "maxItems": 20, "items": {"type": "object", "required": ["country"], "properties": {"country": country, "place": {"type": "string"}}}}}},
    "declarationId": {"type": "integer", "minimum": 1}, "narrative": {"type": "string", "maxLength": 20000},
    "parties": {"type": "array", "maxItems": 100, "items": {"type": "object", "required": ["kind", "id", "role"], "properties": {
        "kind": {"type": "string", "enum": ["person", "company"]}, "id": {"type": "integer"},
        "role": {"type": "string", "enum": ["owner", "courier", "consignee", "carrier", "organiser"]}, "name": {"type": "string", "readOnly": True}}}},
    "attachments": {"type": "array", "readOnly": True, "items": {"$ref": "#/components/schemas/Attachment"}},
    **stamp}}
attachment = {"type": "object", "properties": {
    "sha256": string, "mediaType": string, "size": {"type": "integer"}, "kind": {"type": "string", "enum": ["photo", "xray", "document"]},
    "fileName": string, "addedAt": {"type": "string", "format": "date-time"}, "addedBy": string,
    "width": {"type": ["integer", "null"], "description": "of an image whose pixels could be read"},
    "height": {"type": ["integer", "null"]}, "href": string,
    "thumbnail": {"type": ["string", "null"], "description": "a JPEG at most 320 pixels on its longest side, for images that could be read (not PDF or DICOM)"}}}
suspect = {"type": "object", "additionalProperties": False, "required": ["names"], "properties": {
    "names": {"type": "array", "minItems": 1, "maxItems": 50, "items": string, "description": "the name the person is known by, then aliases"},
    "dateOfBirth": {"type": "string", "format": "date"}, "nationality": country,
    "documents": {"type": "array", "maxItems": 20, "items": {"type": "object", "required": ["type", "number"], "properties": {
        "type": {"type": "string", "enum": ["passport", "national_id", "driving_licence", "other"]},
        "number": {"type": "string", "pattern": "^[A-Z0-9]{6,20}$"}, "country": country}}},
    "notes": {"type": "string", "maxLength": 20000}, **stamp}}
company = {"type": "object", "additionalProperties": False, "required": ["name"], "properties": {
    "name": {"type": "string", "maxLength": 256}, "aliases": {"type": "array", "items": string},
    "taxId": {"type": "string", "description": "links the company to the enterprise registry"},
    "registered": {"type": "boolean", "readOnly": True}, "country": country, "address": string, "notes": string, **stamp}}
search_params = [q("q", "words; names match without marks and with typos"), q("from", "day, inclusive"), q("to", "day, inclusive"),
    q("office", "office code"), q("category", "enforcement category"), q("hs", "HS code prefix"), q("concealment", "concealment code"),
    q("transport", "transport mode"), q("detectionMethod", "detection method"), q("country", "departure, route or destination country")]
page_params = [q("limit", "1 to 200 (default 50)"), q("cursor", "nextCursor of the previous page"),
    q("format", "json, csv or xlsx: every result (up to 1,000,000) as a file to download")]
hits = {"type": "object", "properties": {"items": {"type": "array", "items": ref("SearchHit")}, "nextCursor": {"type": ["string", "null"]}}}
download = {"description": "The results, or with format= a file to download (X-Total-Count: its rows)", "content": {
    "application/json": {"schema": hits}, "text/csv": {"schema": {"type": "string"}},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}}
group = {"type": "object", "properties": {"key": string, "seizures": {"type": "integer"},
    "quantities": {"type": "array", "items": {"type": "object", "properties": {"unit": string, "quantity": {"type": "number"}}}},
    "estimatedValues": {"type": "array", "items": {"type": "object", "properties": {"currency": string, "amount": {"type": "number"}}}}}}
suspicion = {"type": "object", "additionalProperties": False, "required": ["receivedOn", "source", "summary"], "properties": {
    "receivedOn": {"type": "string", "format": "date"},
    "source": {"type": "string", "enum": ["officer", "informant", "risk_analysis", "partner_administration", "public", "other"]},
    "category": string, "summary": {"type": "string", "maxLength": 512}, "narrative": string,
    "status": {"type": "string", "enum": ["open", "investigating", "dismissed", "confirmed"]},
    "links": {"type": "array", "items": ref("RecordRef")}, **stamp}}
investigation = {"type": "object", "additionalProperties": False, "required": ["title"], "properties": {
    "title": {"type": "string", "maxLength": 256}, "summary": string, "status": {"type": "string", "enum": ["open", "suspended", "closed"]},
    "lead": {"type": "string", "description": "a user; default: who opens it"}, "supervisor": {"type": "string", "description": "a supervisor user"},
    "members": {"type": "array", "items": string}, "openedFrom": ref("RecordRef"), "links": {"type": "array", "items": ref("RecordRef")},
    "notes": {"type": "array", "readOnly": True, "items": ref("Note")}, "tasks": {"type": "array", "readOnly": True, "items": ref("Task")},
    "unreadMessages": {"type": "integer", "readOnly": True, "description": "messages of others the caller has not marked read"}, **stamp}}
note = {"type": "object", "required": ["text"], "properties": {"id": {"type": "integer", "readOnly": True}, "at": {"type": "string", "readOnly": True},
    "author": {"type": "string", "readOnly": True}, "text": {"type": "string", "maxLength": 20000}}}
task = {"type": "object", "required": ["title"], "properties": {"title": string, "assignee": {"type": "string", "description": "a member"},
    "due": {"type": "string", "format": "date"}, "status": {"type": "string", "enum": ["open", "done", "cancelled"]}, **stamp}}
task_param = {"name": "taskId", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
def body(name): return {"required": True, "content": {"application/json": {"schema": ref(name)}}}
def crud(kind, schema, summary_list, list_params, list_schema):
    return {
      f"/api/v1/{kind}": {
        "get": {"summary": summary_list, "security": sec, "parameters": list_params, "responses": {"200": list_schema, **problem(P400)}},
        "post": {"summary": f"Record a new one", "security": sec, "requestBody": body(schema),
                 "responses": {**ok(201, "Recorded", ref(schema)), **problem(P400, P415, P422)}}},
      f"/api/v1/{kind}/{{id}}": {
        "put": {"summary": "Change it (send `version` to refuse a stale edit)", "security": sec, "parameters": [id_param], "requestBody": body(schema),
                "responses": {**ok(200, "The new version", ref(schema)), **problem(P400, P404, P409, P415, P422)}}}}
enforcement_paths = {}
for kind, schema in [("seizures", "Seizure"), ("persons", "SuspectPerson"), ("companies", "OffendingCompany")]:
    enforcement_paths.update(crud(kind, schema, f"Search {kind} (as /api/v1/search?type=...); reads are recorded",
                                  search_params + page_params, download))
enforcement_paths["/api/v1/seizures/{id}"]["get"] = {"summary": "A seizure with its parties and attachments (reading it is recorded)", "security": sec,
    "parameters": [id_param], "responses": {**ok(200, "The seizure", ref("Seizure")), **problem(P404)}}
enforcement_paths["/api/v1/persons/{id}"]["get"] = {"summary": "A suspect by its number, with their seizures and the enterprises they own or represent; or, for an identity document number (9 or more characters, or letters), the registry's person (reading it is recorded)", "security": sec,
    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
    "responses": {"200": {"description": "The person", "content": {"application/json": {"schema": {"oneOf": [ref("SuspectPerson"), ref("Person")]}}}}, **problem(P404)}}
enforcement_paths["/api/v1/companies/{id}"]["get"] = {"summary": "An offending company with its seizures (reading it is recorded)", "security": sec,
    "parameters": [id_param], "responses": {**ok(200, "The company", ref("OffendingCompany")), **problem(P404)}}
enforcement_paths.update({
    "/api/v1/seizures/{id}/attachments": {"post": {"summary": "Attach a photo, X-ray image or document: the raw bytes as the body (up to 16 MiB; JPEG, PNG, WebP, GIF, TIFF, DICOM or PDF, recognised by the bytes); stored once by SHA-256",
        "security": sec, "parameters": [id_param, q("kind", "photo (default), xray or document"), q("fileName", "the file's name, without a path")],
        "requestBody": {"required": True, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
        "responses": {**ok(201, "Stored, with a thumbnail if its pixels could be read", ref("Attachment")), **problem(P404, P413, P422, P503)}}},
    "/api/v1/seizures/{id}/attachments/{sha256}": {"get": {"summary": "An attachment's bytes (reading it is recorded)", "security": sec,
        "parameters": [id_param, {"name": "sha256", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "The file, with its sniffed media type", "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}}, **problem(P404)}}},
    "/api/v1/seizures/{id}/attachments/{sha256}/thumbnail": {"get": {"summary": "An attached image's thumbnail (reading it is recorded)", "security": sec,
        "parameters": [id_param, {"name": "sha256", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "A JPEG at most 320 pixels on its longest side, without the original's metadata", "content": {"image/jpeg": {"schema": {"type": "string", "format": "binary"}}}}, **problem(P404)}}},
    "/api/v1/search": {"get": {"summary": "Search seizures, suspects or companies, ranked and paged; with format=, export every result (the search is recorded)", "security": sec,
        "parameters": [q("type", "seizure (default), person or company")] + search_params + page_params,
        "responses": {"200": download, **problem(P400)}}},
    "/api/v1/enforcement/stats": {"get": {"summary": "Seizures, quantities and values by category, concealment, route country and month, with the search's filters", "security": sec,
        "parameters": search_params, "responses": {**ok(200, "The figures", {"type": "object", "properties": {"seizures": {"type": "integer"},
            "byCategory": {"type": "array", "items": group}, "byConcealment": {"type": "array", "items": group},
            "byRouteCountry": {"type": "array", "items": group}, "byMonth": {"type": "array", "items": group}}}), **problem(P400)}}},
    "/api/v1/enforcement/concealments": {
        "get": {"summary": "The concealment methods' controlled vocabulary", "security": sec, "responses": {**ok(200, "Codes", {"type": "object"})}},
        "post": {"summary": "Add a concealment method", "security": sec, "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["code"], "properties": {"code": {"type": "string", "pattern": "^[a-z0-9_]{1,40}$"}}}}}},
                 "responses": {**ok(201, "Added", {"type": "object"}), **problem(P400, P409, P422)}}},
})
list_params = [q("limit", "1 to 200 (default 50)"), q("cursor", "nextCursor of the previous page")]
enforcement_paths.update(crud("suspicions", "Suspicion", "Suspicion reports, newest first (reading them is recorded)", [q("status", "open, investigating, dismissed or confirmed")] + list_params,
                              {"description": "A page", "content": {"application/json": {"schema": {"type": "object"}}}}))
enforcement_paths["/api/v1/suspicions/{id}"]["get"] = {"summary": "A suspicion report (reading it is recorded)", "security": sec, "parameters": [id_param],
    "responses": {**ok(200, "The report", ref("Suspicion")), **problem(P404)}}
enforcement_paths.update(crud("investigations", "Investigation", "The investigations the caller leads, supervises or belongs to (all, for administrators)", list_params,
                              {"description": "A page", "content": {"application/json": {"schema": {"type": "object"}}}}))
enforcement_paths["/api/v1/investigations"]["post"]["summary"] = "Open an investigation (from a suspicion, which becomes `investigating`, or a seizure)"
enforcement_paths["/api/v1/investigations/{id}"]["get"] = {"summary": "An investigation with its notes and tasks: members, their supervisor and administrators only; anyone else gets 404 and the attempt is recorded", "security": sec,
    "parameters": [id_param], "responses": {**ok(200, "The investigation", ref("Investigation")), **problem(P404)}}
enforcement_paths.update({
    "/api/v1/investigations/{id}/notes": {
        "get": {"summary": "The investigation's timeline of notes (members only)", "security": sec, "parameters": [id_param],
                "responses": {**ok(200, "Notes, oldest first", {"type": "object", "properties": {"items": {"type": "array", "items": ref("Note")}}}), **problem(P404)}},
        "post": {"summary": "Add a note to the timeline (members only)", "security": sec, "parameters": [id_param], "requestBody": body("Note"),
                 "responses": {**ok(201, "Added", ref("Note")), **problem(P400, P404, P422)}}},
    "/api/v1/investigations/{id}/tasks": {"post": {"summary": "Add a task, assigned to a member", "security": sec, "parameters": [id_param], "requestBody": body("Task"),
        "responses": {**ok(201, "Added", ref("Task")), **problem(P400, P404, P422)}}},
    "/api/v1/investigations/{id}/tasks/{taskId}": {"put": {"summary": "Change a task", "security": sec, "parameters": [id_param, task_param], "requestBody": body("Task"),
        "responses": {**ok(200, "The new version", ref("Task")), **problem(P400, P404, P409, P422)}}},
    "/api/v1/investigations/{id}/messages": {
        "get": {"summary": "The investigation's conversation, oldest first, with how many messages of others the caller has not read (members, their supervisor and administrators; anyone else gets 404 and the attempt is recorded; reading is recorded)", "security": sec,
                "parameters": [id_param, q("after", "the id of the last message already shown (nextAfter of the previous page); default 0: from the first"), q("limit", "1 to 200 (default 50)")],
                "responses": {**ok(200, "A page of messages", ref("MessagePage")), **problem(P400, P404)}},
        "post": {"summary": "Send a message to the investigation's members; messages are never edited or deleted (they are evidence)", "security": sec, "parameters": [id_param],
                 "requestBody": body("Message"), "responses": {**ok(201, "Sent", ref("Message")), **problem(P400, P404, P415, P422)}}},
    "/api/v1/investigations/{id}/messages/read": {"post": {"summary": "The caller has read the conversation up to a message: moves the caller's read marker forward (never back)", "security": sec, "parameters": [id_param],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False, "required": ["upTo"],
            "properties": {"upTo": {"type": "integer", "minimum": 1, "description": "a message of this investigation"}}}}}},
        "responses": {**ok(200, "The caller's read state", ref("ReadState")), **problem(P400, P404, P415, P422)}}},
})
read_state = {"type": "object", "properties": {"readUpTo": {"type": "integer", "description": "the last message the caller marked read; 0 for none"},
    "unread": {"type": "integer", "description": "messages of others after it"}}}
message = {"type": "object", "additionalProperties": False, "required": ["body"], "properties": {
    "id": {"type": "integer", "readOnly": True}, "investigationId": {"type": "integer", "readOnly": True},
    "sentAt": {"type": "string", "readOnly": True}, "author": {"type": "string", "readOnly": True},
    "body": {"type": "string", "minLength": 1, "maxLength": 10000, "description": "UTF-8 text, line breaks allowed; not only blanks"},
    "replyTo": {"type": ["integer", "null"], "minimum": 1, "description": "a message of the same investigation"},
    "links": {"type": "array", "maxItems": 20, "items": ref("RecordRef")}}}
message_page = {"type": "object", "properties": {"items": {"type": "array", "items": ref("Message")},
    "nextAfter": {"type": ["integer", "null"], "description": "pass as after for the next page; null on the last"},
    "readUpTo": {"type": "integer"}, "unread": {"type": "integer"}}}
search_hit = {"type": "object", "description": "a seizure (kind seizure) or a name match (kind person or company) with its score from 0 to 1 and the name or alias matched",
    "properties": {"kind": string, "id": {"type": "integer"}, "name": string, "matched": string, "score": {"type": "number"}}}

doc = {
  "openapi": "3.1.0",
  "info": {"title": "Haiquan Open API", "version": "1.0.0",
           "description": "File customs declarations and get a lane (green, yellow, red) with its reasons within milliseconds."},
  "servers": [{"url": "/"}],
  "paths": {
    "/healthz": {"get": {"summary": "Liveness", "security": [], "responses": ok(200, "Serving", {"type": "object"})}},
    "/metrics": {"get": {"summary": "Prometheus metrics", "security": [], "responses": ok(200, "Metrics in text format", string, "text/plain")}},
    "/api/v1/openapi.json": {"get": {"summary": "This document", "security": [], "responses": ok(200, "OpenAPI 3.1", {"type": "object"})}},
    "/api/v1/declarations": {
      "post": {"summary": "File a declaration", "security": sec,
               "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Declaration")}}},
               "responses": {**ok(201, "Filed and committed; the lane and its reasons", ref("FilingAnswer")),
                             **ok(200, "This declarant reference was filed before: the original decision", ref("FilingAnswer")),
                             **problem(P400, P413, P415, P422, P503)}},
      "get": {"summary": "List declarations, newest first", "security": sec,
              "parameters": [q("lane", "green, yellow or red"), q("status", "lifecycle status"),
                             q("trader", "tax id of declarant, importer or exporter"),
                             q("from", "filed at or after (date or RFC 3339)"), q("to", "filed before"),
                             q("limit", "page size, 1 to 500 (50)", {"type": "integer"}), q("cursor", "nextCursor of the previous page")],
              "responses": {**ok(200, "A page", {"type": "object", "properties": {
                  "items": {"type": "array", "items": ref("DeclarationSummary")}, "nextCursor": {"type": ["string", "null"]}}}),
                  **problem(P400, P422)}}},
    "/api/v1/declarations/{id}": {"get": {"summary": "A declaration with its decision and inspections", "security": sec,
        "parameters": [id_param], "responses": {**ok(200, "The declaration", ref("StoredDeclaration")), **problem(P404)}}},
    "/api/v1/declarations/{id}/inspection": {"post": {"summary": "Record inspection findings", "security": sec,
        "parameters": [id_param], "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Inspection")}}},
        "responses": {**ok(200, "The declaration, released or held", ref("StoredDeclaration")), **problem(P400, P404, P409, P422)}}},
    "/api/v1/risk/rules": {
      "get": {"summary": "Current risk rules", "security": sec, "responses": ok(200, "Rules", {"type": "object", "properties": {"items": {"type": "array", "items": ref("Rule")}}})},
      "post": {"summary": "Create a rule (in force at once)", "security": sec,
               "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Rule")}}},
               "responses": {**ok(201, "Created", ref("Rule")), **problem(P400, P409, P422)}}},
    "/api/v1/risk/rules/{id}": {
      "get": {"summary": "A rule", "security": sec, "parameters": [id_param], "responses": {**ok(200, "The rule", ref("Rule")), **problem(P404)}},
      "put": {"summary": "Change or retire a rule (new version)", "security": sec, "parameters": [id_param],
              "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Rule")}}},
              "responses": {**ok(200, "The new version", ref("Rule")), **problem(P400, P404, P409, P422)}}},
    "/api/v1/risk/rules/{id}/history": {"get": {"summary": "Every version of a rule", "security": sec, "parameters": [id_param],
        "responses": {**ok(200, "Versions, oldest first", {"type": "object", "properties": {"items": {"type": "array", "items": ref("Rule")}}}), **problem(P404)}}},
    "/api/v1/risk/models": {"get": {"summary": "Registered risk models, newest first (register with `haiquan risk register`)", "security": sec,
        "responses": ok(200, "Models", {"type": "object", "properties": {"items": {"type": "array", "items": ref("RiskModel")}}})}},
    "/api/v1/risk/models/{version}": {"get": {"summary": "One registered risk model", "security": sec,
        "parameters": [{"name": "version", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}],
        "responses": {**ok(200, "The model", ref("RiskModel")), **problem(P404)}}},
    "/api/v1/risk/activation": {
      "get": {"summary": "The model in force with its inspection budget and live thresholds, and every earlier activation", "security": sec,
              "responses": ok(200, "In force", {"allOf": [ref("Activation"), {"type": "object", "properties": {"history": {"type": "array", "items": ref("Activation")}}}]})},
      "put": {"summary": "Put a registered model to work with an inspection budget (version null: none); answers once it decides", "security": sec,
              "requestBody": {"required": True, "content": {"application/json": {"schema": ref("ActivationRequest")}}},
              "responses": {**ok(200, "In force", ref("Activation")), **problem(P400, P404, P415, P422, (503, "Another activation is under way; see Retry-After"))}}},
    "/api/v1/auth/login": {"post": {"summary": "Sign in with name and password; returns a session token", "security": [],
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Login")}}},
        "responses": {**ok(200, "Signed in", ref("IssuedToken")), **problem(P400, (401, "Wrong name or password"), P415,
                      (429, "Too many failed sign-ins for this account or address; see Retry-After"), P503)}}},
    "/api/v1/auth/logout": {"post": {"summary": "Revoke the session token used for this request", "security": sec,
        "responses": {"204": {"description": "Signed out"}, **problem((409, "The token is an API key: an administrator revokes it"))}}},
    "/api/v1/auth/password": {"post": {"summary": "Change the caller's own password (the current one is required)", "security": sec,
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False,
            "required": ["currentPassword", "newPassword"], "properties": {"currentPassword": string,
            "newPassword": {"type": "string", "minLength": 10, "maxLength": 1024}}}}}},
        "responses": {"204": {"description": "Changed"}, **problem(P400, P415, P422, P503)}}},
    "/api/v1/auth/me": {"get": {"summary": "Who the token belongs to", "security": sec,
        "responses": ok(200, "The caller", ref("Principal"))}},
    "/api/v1/users": {
      "get": {"summary": "Users", "security": sec, "responses": ok(200, "Users", {"type": "object", "properties": {"items": {"type": "array", "items": ref("User")}}})},
      "post": {"summary": "Create a user; answers its first token (an API key for api_client) once", "security": sec,
               "requestBody": {"required": True, "content": {"application/json": {"schema": ref("NewUser")}}},
               "responses": {**ok(201, "Created", ref("IssuedToken")), **problem(P400, P409, P415, P422)}}},
    "/api/v1/users/{name}/disable": {"post": {"summary": "Disable a user: its tokens stop working", "security": sec,
        "parameters": [name_param], "responses": {"204": {"description": "Disabled"}, **problem(P404)}}},
    "/api/v1/users/{name}/enable": {"post": {"summary": "Enable a disabled user", "security": sec,
        "parameters": [name_param], "responses": {"204": {"description": "Enabled"}, **problem(P404)}}},
    "/api/v1/apikeys": {
      "get": {"summary": "API keys (never the keys themselves)", "security": sec,
              "responses": ok(200, "Keys", {"type": "object", "properties": {"items": {"type": "array", "items": ref("ApiKey")}}})},
      "post": {"summary": "Create an API key for an api_client user; answered once", "security": sec,
               "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False,
                   "required": ["user"], "properties": {"user": string, "label": string}}}}},
               "responses": {**ok(201, "Created", ref("IssuedToken")), **problem(P400, P404, P415, P422)}}},
    "/api/v1/apikeys/{id}/revoke": {"post": {"summary": "Revoke an API key", "security": sec, "parameters": [id_param],
        "responses": {"204": {"description": "Revoked"}, **problem(P404)}}},
    "/api/v1/audit": {"get": {"summary": "The audit trail, oldest first (reading it is recorded too)", "security": sec,
        "parameters": [q("after", "entries after this sequence number (nextCursor)"), q("limit", "1 to 1000 (100)", {"type": "integer"}),
                       q("actor", "user name"), q("action", "e.g. declaration.read"), q("recordType", "e.g. declaration"), q("recordId", "record id")],
        "responses": {**ok(200, "A page", {"type": "object", "properties": {"items": {"type": "array", "items": ref("AuditEntry")},
                      "nextCursor": {"type": ["string", "null"]}}}), **problem(P400, P422)}}},
    "/api/v1/traders": {
      "get": {"summary": "Registered enterprises, by tax id", "security": sec,
              "parameters": [q("status", "active, suspended, dissolved or tax_debt"), q("provisional", "true or false"),
                             q("limit", "1 to 500 (50)", {"type": "integer"}), q("cursor", "nextCursor of the previous page")],
              "responses": {**ok(200, "A page", {"type": "object", "properties": {"items": {"type": "array", "items": ref("Enterprise")},
                            "nextCursor": {"type": ["string", "null"]}}}), **problem(P400, P422)}},
      "post": {"summary": "Register an enterprise (or confirm a provisional one)", "security": sec,
               "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Enterprise")}}},
               "responses": {**ok(201, "Registered", ref("Enterprise")), **problem(P400, P409, P415, P422)}}},
    "/api/v1/traders/{taxId}": {
      "get": {"summary": "An enterprise", "security": sec, "parameters": [tax_param],
              "responses": {**ok(200, "The enterprise", ref("Enterprise")), **problem(P404)}},
      "put": {"summary": "Change an enterprise (a new version; the old one is kept)", "security": sec, "parameters": [tax_param],
              "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Enterprise")}}},
              "responses": {**ok(200, "The new version", ref("Enterprise")), **problem(P400, P404, P409, P415, P422)}}},
    "/api/v1/traders/{taxId}/history": {"get": {"summary": "Every version of an enterprise, oldest first", "security": sec,
        "parameters": [tax_param], "responses": {**ok(200, "Versions", {"type": "object", "properties": {"items": {"type": "array", "items": ref("Enterprise")}}}), **problem(P404)}}},
    "/api/v1/traders/{taxId}/profile": {"get": {"summary": "The trader's profile: declarations by month and lane, goods, origins, partners, unit values, findings (a trader sees its own)", "security": sec,
        "parameters": [tax_param, q("format", "json (default) or xlsx, an Excel workbook for post-clearance audit")],
        "responses": {"200": {"description": "The profile", "content": {"application/json": {"schema": ref("TraderProfile")},
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}},
                      **problem(P400, P404)}}},
    **enforcement_paths,
    "/api/v1/traders/{taxId}/relations": {"get": {"summary": "Enterprises linked through a shared owner, legal representative or address, with the link", "security": sec,
        "parameters": [tax_param], "responses": {**ok(200, "Related enterprises", ref("Relations")), **problem(P404)}}},
  },
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    "schemas": {"Declaration": declaration, "Party": party, "GoodsItem": item, "Reason": reason,
                "FilingAnswer": filing_answer, "StoredDeclaration": stored, "DeclarationSummary": summary,
                "Inspection": inspection, "Rule": rule, "Problem": problem_schema,
                "RiskModel": {"type": "object", "properties": {"version": {"type": "integer"}, "description": string,
                    "registeredAt": string, "registeredBy": string,
                    "training": {"type": "object", "description": "rows, positives, features, rounds, seconds, files"},
                    "evaluation": {"type": "object", "description": "`haiquan risk evaluate`'s figures on held-out files, {} if none"},
                    "sizeBytes": {"type": "integer"}, "sha256": string, "active": {"type": "boolean"}}},
                "ActivationRequest": {"type": "object", "additionalProperties": False, "required": ["version"], "properties": {
                    "version": {"type": ["integer", "null"], "minimum": 1},
                    "redBudget": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.05, "description": "share of declarations the model sends to red"},
                    "yellowBudget": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.15, "description": "share sent to yellow beyond the red ones"},
                    "exploreShare": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.1, "description": "share of the red selections that explore"}}},
                "Activation": {"type": "object", "properties": {"version": {"type": ["integer", "null"]},
                    "redBudget": {"type": "number"}, "yellowBudget": {"type": "number"}, "exploreShare": {"type": "number"},
                    "calibrationWindow": {"type": "integer"}, "activatedAt": {"type": ["string", "null"]}, "activatedBy": {"type": ["string", "null"]},
                    "thresholds": {"type": "object", "description": "only while the model is at work", "properties": {
                        "red": {"type": ["number", "null"]}, "explore": {"type": ["number", "null"]}, "yellow": {"type": ["number", "null"]},
                        "recentScores": {"type": "integer"}}}}},
                "Login": {"type": "object", "additionalProperties": False, "required": ["name", "password"],
                          "properties": {"name": string, "password": string}},
                "Principal": principal, "User": user, "NewUser": new_user, "IssuedToken": issued,
                "ApiKey": apikey, "AuditEntry": audit_entry, "Enterprise": enterprise,
                "PersonLink": person_link, "Person": person, "TraderProfile": profile, "Relations": relations,
                "Seizure": seizure, "Attachment": attachment, "SuspectPerson": suspect, "OffendingCompany": company, "SearchHit": search_hit,
                "RecordRef": record_ref, "Suspicion": suspicion, "Investigation": investigation, "Note": note, "Task": task,
                "Message": message, "MessagePage": message_page, "ReadState": read_state}},
}
count = {"type": "integer"}
doc["paths"]["/api/v1/stats/declarations"] = {"get": {"summary": "Dashboard counts: declarations filed in a period by day and lane, inspection hit rates by lane, the most frequent reasons; the open queues now", "security": sec,
    "parameters": [q("from", "filed at or after (date or RFC 3339); default: the beginning"), q("to", "filed before; default: no end"),
                   q("top", "how many reasons, 1 to 50 (10)", {"type": "integer"})],
    "responses": {**ok(200, "The counts (they name no party)", {"type": "object", "properties": {
        "from": {"type": ["string", "null"]}, "to": {"type": ["string", "null"]},
        "days": {"type": "array", "items": {"type": "object", "properties": {"day": {"type": "string", "format": "date"}, "green": count, "yellow": count, "red": count}}},
        "hitRates": {"type": "array", "items": {"type": "object", "properties": {"lane": lane, "inspected": count, "hits": {"type": "integer", "description": "findings other than compliant"}, "rate": {"type": "number"}}}},
        "topReasons": {"type": "array", "items": {"type": "object", "properties": {"code": string, "declarations": count, "red": count}}},
        "queues": {"type": "object", "description": "declarations per open status (received, awaiting_documents, awaiting_inspection, held), now", "additionalProperties": count}}}),
        **problem(P400, P422, P503)}}}
# The web console (src/http/console.h): each page answers the single-page app's index.html; the
# app then calls the API above with the user's token. Public: no page holds data.
console_pages = ["/", "/login", "/declarations", "/declarations/{id}", "/traders/{taxId}", "/rules", "/rules/{id}", "/dashboard",
                 "/search", "/seizures/{id}", "/persons/{id}", "/companies/{id}", "/investigations", "/investigations/{id}"]
html = {"type": "string", "contentMediaType": "text/html"}
for page in console_pages:
    doc["paths"][page] = {"get": {"summary": "Web console page (index.html of the single-page app)", "tags": ["console"], "security": [],
        "responses": {**ok(200, "The console; sent with a Content-Security-Policy", html, "text/html"),
                      **problem((503, "The console is not built (make builds web/dist)"))}}}
doc["paths"]["/assets/{file}"] = {"get": {"summary": "A built file of the web console (script, style, image), named by its content hash", "tags": ["console"], "security": [],
    "parameters": [{"name": "file", "in": "path", "required": True, "schema": string}],
    "responses": {**ok(200, "The file, cached for a year", {"type": "string"}, "application/octet-stream"),
                  **problem((404, "No such file"), (503, "The console is not built"))}}}
# Every operation behind a token can be refused for the token (401) or for the role (403).
for path in doc["paths"].values():
    for op in path.values():
        if op.get("security") == sec:
            op["responses"].update(problem((401, "No valid bearer token"), (403, "The caller's role may not do this")))
out = pathlib.Path(__file__).resolve().parent.parent / "src/http/openapi.json"
out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
print(f"wrote {out}")
