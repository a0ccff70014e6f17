// QR text → seal decoder: base32, CBOR, COSE_Sign1 and payload parsing, trust list lookup.
// check_seal_text never fails as a call, so the only findings are crashes, hangs and leaks.

#include "engine/seal/seal.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace absah;
  const auto text = fuzz::as_text(data, size);
  for (auto policy : {seal::KeyTimePolicy::AtIssueDate, seal::KeyTimePolicy::AtCheckTime}) {
    seal::SealCheckOptions options;
    options.key_time = policy;
    auto check = seal::check_seal_text(text, fuzz::seal_trust(), fuzz::kFuzzNow, options);
    (void)seal::to_string(check.reason);
  }
  return 0;
}
