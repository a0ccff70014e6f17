// absah serve --listen HOST:PORT --registry URL --tokens FILE [--verify-url BASE] [--keys DIR
//             | --key K --cert C --chain CH --seal-key S] [--tsa URL] [--trust DIR]
//             [--data-dir D] [--workers N] [--max-queued N] [--max-body BYTES]
// Runs the HTTP service (engine/server/http_service.h) until SIGTERM or SIGINT; requests in
// flight are answered before the process exits.

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <iostream>
#include <thread>

#include "engine/cli/args.h"
#include "engine/cli/cli_support.h"
#include "engine/cli/commands.h"
#include "engine/cli/registered_issue.h"
#include "engine/cli/signing_setup.h"
#include "engine/server/http_service.h"
#include "engine/server/resource_pool.h"

namespace absah::cli {

namespace {

constexpr const char* kUsage =
    "usage: absah serve --listen HOST:PORT --registry URL --tokens FILE [--verify-url BASE]\n"
    "                   [--keys DIR | --key K --cert C --chain CH --seal-key S] [--tsa URL]\n"
    "                   [--trust DIR] [--data-dir D] [--workers N] [--max-queued N]\n"
    "                   [--max-body BYTES] [--max-header-lines N] [--max-head-bytes BYTES]\n"
    "                   [--request-timeout SECONDS]\n";

Result<std::pair<std::string, int>> parse_listen(const std::string& text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    return Error(ErrorCode::Usage, "--listen", "expected HOST:PORT, got \"" + text + "\"");
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);  // [::1]:8080
  const std::string port_text = text.substr(colon + 1);
  if (port_text.find_first_not_of("0123456789") != std::string::npos || port_text.size() > 5 ||
      std::stoi(port_text) > 65535)
    return Error(ErrorCode::Usage, "--listen", "not a port number: \"" + port_text + "\"");
  return std::make_pair(host, std::stoi(port_text));
}

Result<size_t> positive_number(const Args& args, const std::string& name, size_t fallback) {
  auto text = args.get(name);
  if (!text) return fallback;
  if (text->empty() || text->size() > 12 ||
      text->find_first_not_of("0123456789") != std::string::npos || std::stoull(*text) == 0)
    return Error(ErrorCode::Usage, "--" + name,
                 "expected a positive number, got \"" + *text + "\"");
  return static_cast<size_t>(std::stoull(*text));
}

int64_t clock_now() {
  auto now = current_time_unix();
  return now ? *now : static_cast<int64_t>(std::time(nullptr));
}

int fail(const Error& error) {
  print_error(std::cerr, error);
  return kExitUsage;
}

}  // namespace

int run_serve(const Argv& argv) {
  ArgSpec spec{{"listen", "registry", "tokens", "trust", "data-dir", "workers", "max-queued",
                "max-body", "max-header-lines", "max-head-bytes", "request-timeout"},
               {}};
  spec.valued.insert(signing_option_names().begin(), signing_option_names().end());
  auto args = parse_args(argv, spec);
  if (!args) {
    std::cerr << kUsage;
    return fail(args.error());
  }
  for (const char* required : {"listen", "registry", "tokens"}) {
    if (!args->get(required)) {
      std::cerr << kUsage;
      return fail(Error(ErrorCode::Usage, std::string("--") + required, "option is required"));
    }
  }
  auto listen = parse_listen(*args->get("listen"));
  if (!listen) return fail(listen.error());
  auto tokens = server::AccessTokens::load(*args->get("tokens"));
  if (!tokens) return fail(tokens.error());

  // One signer per concurrent issue: a signer is used by one render at a time.
  const Args signing_args = *args;
  auto first_signing = open_signing_unless_unsigned(signing_args);
  if (!first_signing) return fail(first_signing.error());
  auto signers = std::make_shared<server::ResourcePool<SigningSetup>>(
      [signing_args]() -> Result<std::unique_ptr<SigningSetup>> {
        auto setup = open_signing_unless_unsigned(signing_args);
        if (!setup) return setup.take_error();
        return std::make_unique<SigningSetup>(std::move(**setup));
      });
  const std::string seal_base_url = (*first_signing)->seal_base_url;

  const std::filesystem::path trust_dir = args->get_or("trust", keys_dir(*args).string());
  auto seal_trust = seal::load_trust_list(trust_dir / "seal-trust.json");
  if (!seal_trust) return fail(seal_trust.error());
  auto pdf_trust = sign::TrustStore::from_file(trust_dir / "root-ca.pem");
  if (!pdf_trust) return fail(pdf_trust.error());
  auto made_renderer = make_renderer(args->get_or("data-dir", ""));
  if (!made_renderer) return fail(made_renderer.error());
  std::shared_ptr<const render::Renderer> renderer = std::move(*made_renderer);

  server::ServiceConfig config;
  config.host = listen->first;
  config.port = listen->second;
  config.registry_url = *args->get("registry");
  config.tokens = std::move(*tokens);
  config.pdf_trust = &*pdf_trust;
  config.seal_trust = &*seal_trust;
  config.seal_base_url = seal_base_url;
  config.clock = clock_now;
  config.access_log = &std::cerr;
  config.type_title = [renderer](const std::string& type) {
    auto spec = renderer->layout(type);
    return spec ? (*spec)->title : std::string();
  };
  config.issue = [renderer, signers](
                     registry::Registry& registry,
                     const server::IssueInput& input) -> Result<server::IssueOutcome> {
    auto signing = signers->acquire();
    if (!signing) return signing.take_error();
    render::RenderRequest request;
    request.type = input.type;
    request.record = input.record;
    request.issue_time_unix = input.now_unix;
    request.signer = (*signing)->signer.get();
    request.sign_options = (*signing)->options;
    request.seal_key = (*signing)->seal_key ? &*(*signing)->seal_key : nullptr;
    request.seal_base_url = (*signing)->seal_base_url;
    auto issued = issue_registered(*renderer, registry, std::move(request), input.idempotency_key);
    if (!issued) return issued.take_error();
    return server::IssueOutcome{std::move(issued->document), issued->replayed};
  };
  for (const auto& [name, field] :
       {std::pair<const char*, size_t*>{"workers", &config.limits.workers},
        {"max-queued", &config.limits.max_queued},
        {"max-body", &config.limits.max_body_bytes},
        {"max-header-lines", &config.limits.max_head_lines},
        {"max-head-bytes", &config.limits.max_head_bytes}}) {
    auto value = positive_number(*args, name, *field);
    if (!value) return fail(value.error());
    *field = *value;
  }
  {
    size_t seconds = static_cast<size_t>(config.limits.request_timeout_seconds);
    auto value = positive_number(*args, "request-timeout", seconds);
    if (!value) return fail(value.error());
    if (*value > 86400) return fail(Error(ErrorCode::Usage, "--request-timeout", "at most a day"));
    config.limits.request_timeout_seconds = static_cast<int>(*value);
  }

  // SIGTERM and SIGINT are taken by one thread with sigwait; every other thread (the
  // service's workers are started below) inherits the blocked mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  auto service = server::HttpService::start(std::move(config));
  if (!service) return fail(service.error());
  std::cout << "absah serve: listening on http://"
            << (listen->first.find(':') != std::string::npos ? "[" + listen->first + "]"
                                                             : listen->first)
            << ":" << (*service)->port() << std::endl;

  std::atomic<bool> stopped_by_signal{false};
  std::atomic<bool> finished{false};
  server::HttpService* running = service->get();
  std::thread signal_waiter([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    stopped_by_signal = true;
    // Repeated because a signal may arrive before the accept loop has started.
    while (!finished) {
      running->stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  running->run();
  finished = true;
  if (!stopped_by_signal) pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  std::cout << "absah serve: stopped" << std::endl;
  return kExitOk;
}

}  // namespace absah::cli
