// What a stranger can send before being known: the Authorization header and the sign-in and
// new-user bodies. The first byte picks the parser.
#include <cstddef>
#include <cstdint>

#include "app/manage_identity.h"
#include "fuzz_support.h"
#include "http/identity_json.h"
#include "http/router.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace haiquan;
  using namespace haiquan::fuzz;
  if (size == 0) return 0;
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 3) {
    case 0: {
      auto token = http::BearerToken(input);
      Check(token.size() <= input.size(), "token longer than its header");
      Check(token.empty() || (token.data() >= input.data() &&
                              token.data() + token.size() <= input.data() + input.size()),
            "token outside its header");
      Check(token.empty() || (token.front() != ' ' && token.back() != ' '), "token not trimmed");
      break;
    }
    case 1: {
      auto parsed = http::ParseJson(input);
      if (!parsed.ok()) return 0;
      http::JsonReader reader;
      auto login = http::ReadLogin(*parsed, reader);
      if (!reader.ok()) CheckProblem(reader.ToError("the sign-in"));
      (void)login;
      break;
    }
    default: {
      auto parsed = http::ParseJson(input);
      if (!parsed.ok()) return 0;
      http::JsonReader reader;
      auto user = http::ReadNewUser(*parsed, reader);
      if (!reader.ok()) {
        CheckProblem(reader.ToError("the user"));
      } else if (auto s = app::ManageIdentity::ValidateName(user.name); !s.ok()) {
        CheckProblem(s.error());
      }
      break;
    }
  }
  return 0;
}
