#include <cctype>
#include <cstdio>
#include <filesystem>

#include "app/crypto.h"
#include "cli/commands.h"
#include "cli/secrets.h"
#include "storage/sqlite/audit_store.h"
#include "storage/sqlite/reader_pool.h"

namespace haiquan::cli {
namespace {

// A public key given as 64 hex characters, or a file holding them.
std::string ReadPublicKey(const std::string& arg) {
  std::string text = arg;
  if (!(arg.size() == 64 && app::FromHex(arg))) {
    text = ReadFile(arg);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  }
  if (text.size() != 64 || !app::FromHex(text)) {
    throw std::runtime_error("--public-key " + arg + ": expected 64 hexadecimal characters");
  }
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

void AddAudit(CLI::App& app, int& exit_code) {
  auto* audit = app.add_subcommand("audit", "Verify and sign the tamper-evident audit trail");
  audit->require_subcommand(1);

  auto* verify = audit->add_subcommand(
      "verify",
      "Check every link of the hash chain and every signed checkpoint; exit 1 naming the first "
      "entry altered, removed or reordered");
  auto opts = std::make_shared<ContextOptions>();
  auto keys = std::make_shared<std::vector<std::string>>();
  verify->add_option("--public-key", *keys,
                     "trusted Ed25519 public key (hex, or a file with it); repeat for rotated "
                     "keys. Default: the key of --signing-key");
  AddContextOptions(*verify, *opts);
  verify->callback([&exit_code, opts, keys] {
    if (!std::filesystem::exists(opts->db_path)) {
      std::fprintf(stderr, "error: no database at %s\n", opts->db_path.c_str());
      exit_code = 2;
      return;
    }
    app::InitCrypto();
    std::set<std::string> trusted;
    for (const auto& k : *keys) trusted.insert(ReadPublicKey(k));
    if (trusted.empty()) {
      auto seed =
          LoadSecret(opts->SigningKeyPath(), "HAIQUAN_SIGNING_KEY", false, "audit signing key");
      trusted.insert(app::SigningKey::FromSeed(seed).public_key_hex());
    }
    // Only reads: a copy of the database and the public key are enough (no pepper, no writer).
    storage::sqlite::ReaderPool readers(opts->db_path);
    storage::sqlite::SqliteAuditStore store(readers);
    auto v = app::VerifyAudit(store, trusted);
    if (!v.intact) {
      std::printf("TAMPERED: %s\n", v.problem.c_str());
      if (v.bad_seq) std::printf("first bad entry: %lld\n", static_cast<long long>(v.bad_seq));
      exit_code = 1;
      return;
    }
    std::printf(
        "audit trail intact: %lld entries, %lld signed checkpoints, signed up to entry %lld\n",
        static_cast<long long>(v.entries), static_cast<long long>(v.checkpoints),
        static_cast<long long>(v.last_signed_seq));
    if (v.last_signed_seq < v.entries) {
      std::printf("entries %lld to %lld are linked but not yet signed\n",
                  static_cast<long long>(v.last_signed_seq + 1), static_cast<long long>(v.entries));
    }
    exit_code = 0;
  });

  auto* checkpoint = audit->add_subcommand("checkpoint", "Sign the head of the chain now");
  auto c_opts = std::make_shared<ContextOptions>();
  AddContextOptions(*checkpoint, *c_opts);
  checkpoint->callback([&exit_code, c_opts] {
    c_opts->sign_audit = true;
    Context ctx(*c_opts);
    auto c = ctx.signer->CheckpointNow();
    if (!c.ok()) {
      std::fprintf(stderr, "error: %s\n", c.error().message.c_str());
      exit_code = 2;
      return;
    }
    if (c->has_value()) {
      std::printf("signed entry %lld (checkpoint %lld)\n", static_cast<long long>((*c)->seq),
                  static_cast<long long>((*c)->id));
    } else {
      std::printf("nothing new to sign\n");
    }
    exit_code = 0;
  });

  auto* key = audit->add_subcommand(
      "public-key", "Print the node's public key, to keep where verifiers can trust it");
  auto k_opts = std::make_shared<ContextOptions>();
  AddContextOptions(*key, *k_opts);
  key->callback([&exit_code, k_opts] {
    app::InitCrypto();
    auto seed =
        LoadSecret(k_opts->SigningKeyPath(), "HAIQUAN_SIGNING_KEY", true, "audit signing key");
    std::printf("%s\n", app::SigningKey::FromSeed(seed).public_key_hex().c_str());
    exit_code = 0;
  });
}

}  // namespace haiquan::cli
