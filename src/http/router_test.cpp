#include "http/router.h"

#include <gtest/gtest.h>

namespace haiquan::http {
namespace {

TEST(Router, MatchesPatternsAndCapturesParams) {
  std::map<std::string, std::string, std::less<>> p;
  EXPECT_TRUE(Router::Match("/api/v1/declarations/{id}", "/api/v1/declarations/42", &p));
  EXPECT_EQ(p["id"], "42");
  EXPECT_TRUE(Router::Match("/a/{x}/b", "/a/1/b", &p));
  EXPECT_FALSE(Router::Match("/a/{x}/b", "/a//b", &p));
  EXPECT_FALSE(Router::Match("/a/{x}", "/a/1/2", &p));
  EXPECT_FALSE(Router::Match("/a", "/a/", &p));
  EXPECT_FALSE(Router::Match("/a/{x}", "/a", &p));
}

TEST(Router, RefusesRoutesWithoutAccess) {
  Router r;
  EXPECT_THROW(r.Add({"GET", "/x", Access{}, [](const Request&, Respond) {}}), std::logic_error);
}

TEST(Router, AnswersNotFoundAndMethodNotAllowed) {
  Router r;
  r.Add({"GET", "/x/{id}", Access::Public(), [](const Request& req, Respond respond) {
           respond({200, "text/plain", req.params.at("id"), {}});
         }});
  Response got;
  Request req;
  req.method = "GET";
  req.path = "/x/7";
  r.Dispatch(req, [&](Response res) { got = std::move(res); });
  EXPECT_EQ(got.status, 200u);
  EXPECT_EQ(got.body, "7");
  req.method = "POST";
  r.Dispatch(req, [&](Response res) { got = std::move(res); });
  EXPECT_EQ(got.status, 405u);
  req.path = "/y";
  r.Dispatch(req, [&](Response res) { got = std::move(res); });
  EXPECT_EQ(got.status, 404u);
  EXPECT_EQ(got.content_type, "application/problem+json");
}

}  // namespace
}  // namespace haiquan::http
