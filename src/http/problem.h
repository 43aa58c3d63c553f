#pragma once

#include "domain/result.h"
#include "http/message.h"

namespace haiquan::http {

// The one place where expected failures become HTTP: RFC 9457 problem+json, with an
// `errors` list naming each bad field by JSON pointer.
unsigned StatusOf(domain::ErrorCode code);
Response Problem(const domain::Error& error, std::string_view instance);
Response Problem(unsigned status, std::string_view title, std::string_view detail,
                 std::string_view instance);

}  // namespace haiquan::http
