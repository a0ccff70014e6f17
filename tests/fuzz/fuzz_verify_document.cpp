// Whatever a citizen brings → the verifier: PDF (signed or scanned), PNG or JPEG, decided by
// content. Trust comes from the development PKI, the registry is an empty in-memory SQLite
// database (so the registry checks run and report "unknown"), and the limits are smaller than
// the defaults so that bombs are cut short quickly.

#include <optional>

#include <nlohmann/json.hpp>

#include "engine/registry/registry.h"
#include "engine/sign/trust_store.h"
#include "engine/verify/verifier.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

struct Fixture {
  absah::sign::TrustStore pdf_trust;
  std::unique_ptr<absah::registry::Registry> registry;
};

Fixture& fixture() {
  static Fixture f = [] {
    auto trust = absah::sign::TrustStore::from_file(absah::fuzz::dev_keys_dir() / "root-ca.pem");
    if (!trust) std::abort();
    auto registry = absah::registry::open_registry("sqlite::memory:");
    if (!registry) std::abort();
    return Fixture{std::move(trust).value(), std::move(registry).value()};
  }();
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace absah;
  verify::VerifyContext context;
  context.pdf_trust = &fixture().pdf_trust;
  context.seal_trust = &fuzz::seal_trust();
  context.registry = fixture().registry.get();
  context.now_unix = fuzz::kFuzzNow;
  context.limits.max_input_bytes = 4u << 20;
  context.limits.max_inflated_stream_bytes = 8u << 20;
  context.limits.max_inflated_total_bytes = 32u << 20;
  context.limits.max_scanned_images = 4;
  context.limits.image.max_pixels = 4'000'000;
  context.limits.image.max_side = 4000;
  auto report = verify::verify_document(fuzz::as_text(data, size), context);
  if (report) (void)verify::report_to_json(*report);
  // The same bytes as the text of a QR code (the public page behind every seal).
  if (size <= 4096) (void)verify::verify_seal_text(fuzz::as_text(data, size), context);
  return 0;
}
