#include "cli/token_login.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/browser.h"
#include "cli/load_runner.h"
#include "cli/loopback_redirect.h"
#include "cli/run_flags.h"
#include "cli/stop_signal.h"
#include "cli/token_text.h"
#include "core/exit_status.h"
#include "core/redact.h"
#include "core/web_escape.h"
#include "monitor/i18n.h"
#include "source/api_url.h"
#include "source/curl_transport.h"
#include "source/oauth_code_grant.h"

namespace gb::cli {
namespace {

struct LoginFlags {
  std::string token_file = kDefaultTokenFile;
  std::string api;
  int port = kDefaultLoginPort;
  int timeout_s = kDefaultLoginTimeoutS;
  bool no_browser = false;
};

// What the attempt came to: the exit code, the terminal's line, the page's words.
struct Verdict {
  ExitCode code = ExitCode::kOk;
  std::string message;
};

constexpr std::string_view kAgain = TrNoop("run `gazelle-backfill token login` again");

// The failure of a redirect or of the code exchange, in words.
Verdict Refusal(const Error& e) {
  if (e.code == "state_mismatch") {
    return {ExitCode::kAuth,
            TrFormat("the browser came back with an answer to another sign-in (its state does "
                     "not match this one's), so it was not used: {} and open only the address "
                     "it prints.",
                     Tr(kAgain))};
  }
  if (e.code == "access_denied") {
    return {ExitCode::kAuth,
            TrFormat("access was denied on Gazelle's consent page, so no token was written: {} "
                     "and choose Approve to let gazelle-backfill read the account.",
                     Tr(kAgain))};
  }
  if (e.code == "invalid_client") {
    return {ExitCode::kAuth,
            TrFormat("Gazelle refused the client id or secret (invalid_client): check "
                     "GAZELLE_CLIENT_ID and GAZELLE_CLIENT_SECRET (environment or .env), then {}.",
                     Tr(kAgain))};
  }
  if (e.code == "invalid_grant") {
    return {ExitCode::kAuth,
            TrFormat("Gazelle refused the authorization code (invalid_grant: expired, already "
                     "used, or issued for another redirect URI): {}.",
                     Tr(kAgain))};
  }
  if (e.kind == ErrorKind::kAuth) {
    return {ExitCode::kAuth, TrFormat("Gazelle did not authorize gazelle-backfill ({}): {}.",
                                      e.message, Tr(kAgain))};
  }
  return {ExitCodeForSource(e.kind),
          TrFormat("could not get the token from Gazelle's token endpoint ({}): check the "
                   "network and --api, then {}.",
                   e.message, Tr(kAgain))};
}

std::string PageHtml(const Verdict& v, const std::string& token_file) {
  const bool ok = v.code == ExitCode::kOk;
  const std::string title = ok ? Tr("Signed in to Gazelle") : Tr("Not signed in");
  const std::string text =
      ok ? TrFormat(
               "gazelle-backfill can now read your Gazelle account: its token is saved in {} "
               "on this computer.",
               token_file)
         : v.message;
  return fmt::format(
      "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} - "
      "gazelle-backfill</title></head>\n<body style=\"font-family:sans-serif;max-width:36em;"
      "margin:3em auto\">\n<main id=\"result\" data-outcome=\"{}\">\n<h1>{}</h1>\n<p>{}</p>\n"
      "<p>{}</p>\n</main>\n</body></html>\n",
      CurrentLocale().language, HtmlEscape(title), ok ? "signed-in" : "failed", HtmlEscape(title),
      HtmlEscape(RedactSecrets(text)),
      HtmlEscape(Tr("You can close this tab and go back to the terminal.")));
}

// One sign-in: what the redirect handler needs, and what it decided.
class LoginAttempt {
 public:
  LoginAttempt(const LoginFlags& flags, std::string api, Credentials client, std::string state,
               std::string redirect_uri)
      : flags_(flags),
        endpoint_{std::move(api)},
        client_(std::move(client)),
        state_(std::move(state)),
        redirect_uri_(std::move(redirect_uri)) {}

  LoopbackRedirect::Page Handle(const LoopbackRedirect::Query& query) {
    verdict_ = Decide(query);
    return {verdict_.code == ExitCode::kOk ? 200 : 400, PageHtml(verdict_, flags_.token_file)};
  }
  const Verdict& verdict() const { return verdict_; }
  const Token& token() const { return token_; }

 private:
  Verdict Decide(const LoopbackRedirect::Query& query) {
    auto code = CodeFromRedirect(query, state_);
    if (!code) return Refusal(code.error());
    auto token = ExchangeCode(transport_, endpoint_, client_, *code, redirect_uri_, EpochNow());
    if (!token) return Refusal(token.error());
    token->extra = nlohmann::json::object();  // the file holds the four members, nothing else
    NullObserver quiet;
    if (auto saved = TokenStore(flags_.token_file, quiet).Save(*token); !saved) {
      return {ExitCode::kUsage,
              TrFormat("Gazelle authorized gazelle-backfill, but the token could not be saved "
                       "({}): fix the file's place or permissions, then {}.",
                       saved.error().message, Tr(kAgain))};
    }
    token_ = *token;
    return {ExitCode::kOk, {}};
  }

  const LoginFlags& flags_;
  TokenEndpoint endpoint_;
  Credentials client_;
  std::string state_;
  std::string redirect_uri_;
  CurlTransport transport_;
  Verdict verdict_{ExitCode::kInternal, "no answer"};
  Token token_;
};

// The token file's directory exists (or is created) and is writable.
Status CheckTokenPlace(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || access(dir.c_str(), W_OK) != 0) {
    return Fail(ErrorKind::kConfig,
                TrFormat("the token file {} cannot be written in {}: choose another --token-file "
                         "or fix the directory's permissions.",
                         path, dir.string()));
  }
  return {};
}

void PrintInstructions(const std::string& url, const std::string& redirect, bool opened,
                       const LoginFlags& f) {
  std::cout << Tr("Sign in to Gazelle to let gazelle-backfill read your account.") << '\n'
            << (opened ? Tr("A browser was opened at this address (open it yourself if not):")
                       : Tr("Open this address in a browser:"))
            << "\n  " << url << '\n'
            << TrFormat(
                   "Then approve the access. Gazelle sends your browser back to {}, where "
                   "this command waits for up to {} (Ctrl-C stops).",
                   redirect, HumanSpan(f.timeout_s))
            << std::endl;
}

int Finish(const Verdict& v, const Token& token, const LoginFlags& f) {
  if (v.code != ExitCode::kOk) {
    PrintError(v.message);
    return ToInt(v.code);
  }
  std::cout << TrFormat("Signed in: the token is saved to {} (mode 0600).", f.token_file) << '\n'
            << ExpiryLine(token, EpochNow()) << '\n'
            << Tr("It is refreshed automatically during runs (GAZELLE_CLIENT_ID / "
                  "GAZELLE_CLIENT_SECRET).")
            << std::endl;
  return ToInt(ExitCode::kOk);
}

// How the wait ended: the browser's answer, or no answer in time, or Ctrl-C.
int Conclude(LoopbackRedirect::Outcome outcome, const LoginAttempt& attempt, const LoginFlags& f) {
  if (outcome == LoopbackRedirect::Outcome::kTimedOut) {
    PrintError(
        TrFormat("no answer came back from the browser within {}: nobody approved or "
                 "denied the access in time, so no token was written: {} (--timeout "
                 "gives more time).",
                 HumanSpan(f.timeout_s), Tr(kAgain)));
    return ToInt(ExitCode::kAuth);
  }
  if (outcome == LoopbackRedirect::Outcome::kStopped) {
    PrintError(Tr("stopped before the browser came back: no token was written."));
    return ToInt(ExitCode::kStopped);
  }
  return Finish(attempt.verdict(), attempt.token(), f);
}

int Login(const LoginFlags& f) {
  EnvLookup env = ProcessEnv();
  auto api = ValidateApiUrl(ResolveApiUrl(f.api, env));
  if (!api) {
    PrintError(api.error().message);
    return ToInt(ExitCode::kUsage);
  }
  auto client = LoadCredentials(env, ".env");
  if (!client) {
    PrintError(client.error().message);
    return ToInt(ExitCode::kUsage);
  }
  if (!client->HasOAuthClient()) {
    PrintError(
        Tr("token login needs your OAuth application's GAZELLE_CLIENT_ID and "
           "GAZELLE_CLIENT_SECRET (environment or .env): set both, then run it again."));
    return ToInt(ExitCode::kAuth);
  }
  auto state = NewState();
  Status place = CheckTokenPlace(f.token_file);
  auto loopback = LoopbackRedirect::Listen(f.port);
  for (const Error* e : {state ? nullptr : &state.error(), place ? nullptr : &place.error(),
                         loopback ? nullptr : &loopback.error()}) {
    if (e == nullptr) continue;
    PrintError(e->message);
    return ToInt(ExitCodeForLocalError(e->kind));
  }
  const std::string redirect = (*loopback)->RedirectUri();
  const std::string url = AuthorizeUrl(*api, client->client_id, redirect, *state);
  PrintInstructions(url, redirect, !f.no_browser && OpenInBrowser(url, env), f);
  LoginAttempt attempt(f, *api, *client, *state, redirect);
  auto outcome =
      (*loopback)->Serve([&attempt](const LoopbackRedirect::Query& q) { return attempt.Handle(q); },
                         std::chrono::seconds(f.timeout_s), InstallStopHandlers());
  return Conclude(outcome, attempt, f);
}

}  // namespace

void AddTokenLoginCommand(CLI::App& token, Action* chosen) {
  auto f = std::make_shared<LoginFlags>();
  auto* login = token.add_subcommand(
      "login", Tr("Sign in to Gazelle in a browser and save a new token (OAuth authorization "
                  "code)."));
  login->add_option("--token-file", f->token_file, Tr("Where to save the token (mode 0600)"))
      ->capture_default_str();
  login->add_option("--api", f->api, ApiOptionHelp());
  login
      ->add_option("--port", f->port,
                   TrFormat("Loopback port of the redirect URI http://127.0.0.1:PORT{}: it must "
                            "match the redirect URI registered for your OAuth application at "
                            "Gazelle (0 = any free port, if Gazelle accepts any loopback port)",
                            LoopbackRedirect::kPath))
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  login
      ->add_option("--timeout", f->timeout_s,
                   Tr("Seconds to wait for the browser to come back before giving up"))
      ->capture_default_str()
      ->check(CLI::Range(1, 86400));
  login->add_flag("--no-browser", f->no_browser,
                  Tr("Only print the address; do not try to open a browser"));
  login->callback([chosen, f] { *chosen = [f] { return Login(*f); }; });
}

}  // namespace gb::cli
