#include <cstdio>
#include <iostream>

#include "cli/commands.h"

namespace haiquan::cli {
namespace {

int Fail(const domain::Error& e) {
  std::fprintf(stderr, "error: %s\n", e.message.c_str());
  for (const auto& f : e.fields) {
    std::fprintf(stderr, "  %s: %s\n", f.pointer.c_str(), f.message.c_str());
  }
  return e.code == domain::ErrorCode::kConflict   ? 3
         : e.code == domain::ErrorCode::kNotFound ? 4
                                                  : 2;
}

std::string RoleNames() {
  std::string out;
  for (auto r : domain::kAllRoles) out += (out.empty() ? "" : ", ") + std::string(ToString(r));
  return out;
}

}  // namespace

void AddUser(CLI::App& app, int& exit_code) {
  auto* user = app.add_subcommand("user", "Create, list, disable and enable users");
  user->require_subcommand(1);

  auto* create = user->add_subcommand(
      "create", "Create a user; prints its first token (an API key for api_client) last");
  auto opts = std::make_shared<ContextOptions>();
  struct Args {
    std::string name, role, trader, password_file;
    bool password_stdin = false;
  };
  auto a = std::make_shared<Args>();
  create->add_option("NAME", a->name, "user name: lower-case letters, digits, . _ - @")->required();
  create->add_option("--role", a->role, "one of: " + RoleNames())->required();
  create->add_option("--trader", a->trader,
                     "tax id of the enterprise a trader user or API client acts for");
  create
      ->add_option("--password-file", a->password_file,
                   "file holding the password for signing in (first line)")
      ->check(CLI::ExistingFile);
  create->add_flag("--password-stdin", a->password_stdin, "read the password from stdin");
  AddContextOptions(*create, *opts);
  create->callback([&exit_code, opts, a] {
    app::NewUser n;
    n.name = a->name;
    auto role = domain::ParseRole(a->role);
    if (!role) {
      std::fprintf(stderr, "error: --role must be one of: %s\n", RoleNames().c_str());
      exit_code = 2;
      return;
    }
    n.role = *role;
    n.trader_tax_id = a->trader;
    if (!a->password_file.empty() || a->password_stdin) {
      std::string pw;
      if (a->password_stdin) {
        std::getline(std::cin, pw);
      } else {
        pw = ReadFile(a->password_file);
        pw = pw.substr(0, pw.find('\n'));
      }
      n.password = pw;
    }
    Context ctx(*opts);
    auto issued = ctx.identity->CreateUser(CliCaller(), std::move(n));
    if (!issued.ok()) {
      exit_code = Fail(issued.error());
      return;
    }
    std::fprintf(stderr, "created %s (%s%s)%s\n", issued->user.name.c_str(),
                 std::string(ToString(issued->user.role)).c_str(),
                 issued->user.trader_tax_id.empty()
                     ? ""
                     : (", trader " + issued->user.trader_tax_id).c_str(),
                 issued->expires_at.empty()
                     ? "; API key follows"
                     : ("; session token valid until " + issued->expires_at + " follows").c_str());
    std::printf("%s\n", issued->token.c_str());
    exit_code = 0;
  });

  auto* list = user->add_subcommand("list", "List users");
  auto list_opts = std::make_shared<ContextOptions>();
  AddContextOptions(*list, *list_opts);
  list->callback([&exit_code, list_opts] {
    Context ctx(*list_opts);
    auto users = ctx.identity->ListUsers();
    if (!users.ok()) {
      exit_code = Fail(users.error());
      return;
    }
    std::printf("%-24s %-14s %-14s %-9s %s\n", "NAME", "ROLE", "TRADER", "STATE", "CREATED");
    for (const auto& u : *users) {
      std::printf("%-24s %-14s %-14s %-9s %s\n", u.name.c_str(),
                  std::string(ToString(u.role)).c_str(),
                  u.trader_tax_id.empty() ? "-" : u.trader_tax_id.c_str(),
                  u.disabled ? "disabled" : "active", u.created_at.c_str());
    }
    exit_code = 0;
  });

  auto* password = user->add_subcommand(
      "password", "Set a user's password (to reset a forgotten one); read from a file or stdin");
  auto p_opts = std::make_shared<ContextOptions>();
  auto p_args = std::make_shared<Args>();
  password->add_option("NAME", p_args->name, "user name")->required();
  auto* from_file = password
                        ->add_option("--password-file", p_args->password_file,
                                     "file holding the new password (first line)")
                        ->check(CLI::ExistingFile);
  auto* from_stdin =
      password->add_flag("--password-stdin", p_args->password_stdin, "read it from stdin");
  from_file->excludes(from_stdin);
  AddContextOptions(*password, *p_opts);
  password->callback([&exit_code, p_opts, p_args] {
    if (p_args->password_file.empty() && !p_args->password_stdin) {
      std::fprintf(stderr, "error: give --password-file FILE or --password-stdin\n");
      exit_code = 2;
      return;
    }
    std::string pw;
    if (p_args->password_stdin) {
      std::getline(std::cin, pw);
    } else {
      pw = ReadFile(p_args->password_file);
      pw = pw.substr(0, pw.find('\n'));
    }
    Context ctx(*p_opts);
    auto s = ctx.identity->ResetPassword(CliCaller(), p_args->name, pw);
    if (!s.ok()) {
      exit_code = Fail(s.error());
      return;
    }
    std::fprintf(stderr, "password of %s set\n", p_args->name.c_str());
    exit_code = 0;
  });

  for (bool disable : {true, false}) {
    auto* cmd = user->add_subcommand(
        disable ? "disable" : "enable",
        disable ? "Disable a user: its tokens stop working" : "Enable a disabled user again");
    auto o = std::make_shared<ContextOptions>();
    auto name = std::make_shared<std::string>();
    cmd->add_option("NAME", *name, "user name")->required();
    AddContextOptions(*cmd, *o);
    cmd->callback([&exit_code, o, name, disable] {
      Context ctx(*o);
      auto s = ctx.identity->SetDisabled(CliCaller(), *name, disable);
      if (!s.ok()) {
        exit_code = Fail(s.error());
        return;
      }
      std::fprintf(stderr, "%s %s\n", name->c_str(), disable ? "disabled" : "enabled");
      exit_code = 0;
    });
  }
}

void AddApiKey(CLI::App& app, int& exit_code) {
  auto* key = app.add_subcommand("apikey", "Create, list and revoke API keys of API clients");
  key->require_subcommand(1);

  auto* create = key->add_subcommand("create", "Create an API key; prints it last");
  auto opts = std::make_shared<ContextOptions>();
  auto user = std::make_shared<std::string>();
  auto label = std::make_shared<std::string>();
  create->add_option("--user", *user, "the API client user it belongs to")->required();
  create->add_option("--label", *label, "what it is for (the trader's system, a broker)");
  AddContextOptions(*create, *opts);
  create->callback([&exit_code, opts, user, label] {
    Context ctx(*opts);
    auto issued = ctx.identity->CreateApiKey(CliCaller(), *user, *label);
    if (!issued.ok()) {
      exit_code = Fail(issued.error());
      return;
    }
    std::fprintf(stderr, "API key for %s follows\n", user->c_str());
    std::printf("%s\n", issued->token.c_str());
    exit_code = 0;
  });

  auto* revoke = key->add_subcommand("revoke", "Revoke an API key by its id (see apikey list)");
  auto r_opts = std::make_shared<ContextOptions>();
  auto id = std::make_shared<int64_t>(0);
  revoke->add_option("ID", *id, "API key id")->required();
  AddContextOptions(*revoke, *r_opts);
  revoke->callback([&exit_code, r_opts, id] {
    Context ctx(*r_opts);
    auto s = ctx.identity->RevokeApiKey(CliCaller(), *id);
    if (!s.ok()) {
      exit_code = Fail(s.error());
      return;
    }
    std::fprintf(stderr, "API key %lld revoked\n", static_cast<long long>(*id));
    exit_code = 0;
  });

  auto* list = key->add_subcommand("list", "List API keys (never the keys themselves)");
  auto l_opts = std::make_shared<ContextOptions>();
  AddContextOptions(*list, *l_opts);
  list->callback([&exit_code, l_opts] {
    Context ctx(*l_opts);
    auto keys = ctx.identity->ListApiKeys();
    if (!keys.ok()) {
      exit_code = Fail(keys.error());
      return;
    }
    std::printf("%-6s %-24s %-24s %-25s %s\n", "ID", "USER", "LABEL", "CREATED", "REVOKED");
    for (const auto& k : *keys) {
      std::printf("%-6lld %-24s %-24s %-25s %s\n", static_cast<long long>(k.id),
                  k.user_name.c_str(), k.label.c_str(), k.created_at.c_str(),
                  k.revoked_at.empty() ? "-" : k.revoked_at.c_str());
    }
    exit_code = 0;
  });
}

}  // namespace haiquan::cli
