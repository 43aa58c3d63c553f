#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/router.h"

namespace haiquan::http {

// The paths of the console's pages (a single-page app): each answers index.html and the app
// draws the page from the path, so that a reload or a shared link lands on the same page.
// A new page of web/src/main.ts needs its pattern here (and rows in the API document and the
// access policy, which tests compare with the routes).
inline const std::vector<std::string_view>& ConsolePages() {
  static const std::vector<std::string_view> kPages = {"/",
                                                       "/login",
                                                       "/declarations",
                                                       "/declarations/{id}",
                                                       "/traders/{taxId}",
                                                       "/rules",
                                                       "/rules/{id}",
                                                       "/dashboard",
                                                       "/search",
                                                       "/seizures/{id}",
                                                       "/persons/{id}",
                                                       "/companies/{id}",
                                                       "/investigations",
                                                       "/investigations/{id}"};
  return kPages;
}

// Serves the built console (web/dist: index.html and assets/) as public GET routes: the pages
// above and "/assets/{file}". Files are read once, here, into memory: a request names a key of
// that table, never a path on disk, so no request can reach outside the folder. Without
// index.html in `web_root`, the routes answer 503 saying how to build the console.
void RegisterConsole(Router& router, const std::string& web_root);

// The Content-Security-Policy sent with the pages.
std::string_view ConsoleContentSecurityPolicy();

// The media type of a file name by its extension.
std::string_view ContentTypeOf(std::string_view file_name);

}  // namespace haiquan::http
