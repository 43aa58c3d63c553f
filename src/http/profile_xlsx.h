#pragma once

#include <string>

#include "app/ports/profile_store.h"
#include "domain/enterprise.h"
#include "domain/result.h"

namespace haiquan::http {

// The profile as an .xlsx workbook for post-clearance audit: one sheet per part of the profile,
// Vietnamese headers with English underneath (the console is Vietnamese first). Returns the bytes
// of the file, or an Unavailable error if the library fails.
domain::Result<std::string> ProfileWorkbook(const app::TraderProfile& profile,
                                            const domain::Enterprise* enterprise /* may be null */,
                                            const std::string& generated_at /* RFC 3339 */);

}  // namespace haiquan::http
