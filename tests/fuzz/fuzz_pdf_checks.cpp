// PDF bytes → the PDF side of verification: the last signature (ByteRange, CMS, certificate
// chain, incremental updates) and the QR texts (link annotations, page images of scans).

#include <optional>

#include "engine/sign/pades_check.h"
#include "engine/sign/trust_store.h"
#include "engine/verify/pdf_qr_source.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

const absah::sign::TrustStore* pdf_trust() {
  static const auto store = [] {
    auto s = absah::sign::TrustStore::from_file(absah::fuzz::dev_keys_dir() / "root-ca.pem");
    return s ? std::optional<absah::sign::TrustStore>(std::move(s).value()) : std::nullopt;
  }();
  return store ? &*store : nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace absah;
  const auto pdf = fuzz::as_text(data, size);
  if (const auto* trust = pdf_trust()) {
    sign::CheckOptions options;
    options.verification_time = fuzz::kFuzzNow;
    auto check = sign::check_last_signature(pdf, *trust, options);
    (void)check;
  }
  auto texts = verify::qr_texts_from_pdf(pdf);
  (void)texts;
  return 0;
}
