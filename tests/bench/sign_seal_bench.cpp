// Signing and sealing the letter: the PAdES signature (ByteRange hash, CMS, signature) with an
// ECDSA P-256 and an RSA-3072 key file, and the QR seal made (COSE_Sign1 + base32 URL + QR
// grid) and checked against the trust list. Keys: a development PKI in a temporary directory.

#include <benchmark/benchmark.h>

#include <stdexcept>

#include "engine/pdf/pdf_writer.h"
#include "engine/qr/qr_matrix.h"
#include "engine/seal/seal.h"
#include "engine/sign/pades.h"
#include "tests/bench/bench_support.h"

namespace {

using namespace absah;

// The letter as the writer leaves it for the signer: placeholders sized as the renderer sizes
// them for this signer (sign::signature_reservation), nothing signed.
std::string unsigned_letter_with_placeholder(sign::Signer& signer) {
  pdf::PdfWriteOptions options;
  options.creation_time_unix = bench::kIssueTime;
  pdf::SignaturePlaceholder placeholder;
  placeholder.reserved_bytes = sign::signature_reservation(signer, {});
  placeholder.signing_time_unix = bench::kIssueTime;
  options.signature = placeholder;
  auto bytes = pdf::write_pdf(bench::letter_frames(), bench::shared_renderer().fonts(), options);
  if (!bytes) throw std::runtime_error(bytes.error().describe());
  return std::move(*bytes);
}

// Includes copying the ~40 KB unsigned PDF (about a microsecond), since sign_pdf patches in place.
void BM_SignPdf(benchmark::State& state, bool rsa) {
  auto& keys = bench::dev_keys();
  sign::Signer& signer = rsa ? *keys.rsa_signer : *keys.ec_signer;
  const std::string original = unsigned_letter_with_placeholder(signer);
  for (auto _ : state) {
    std::string pdf = original;
    auto signed_ok = sign::sign_pdf(pdf, signer);
    if (!signed_ok.ok()) return state.SkipWithError(signed_ok.error().describe().c_str());
    benchmark::DoNotOptimize(pdf.data());
  }
}

const seal::SealPayload& letter_payload() {
  static const seal::SealPayload payload = [] {
    const auto& url = bench::LetterInputs::get().inputs.seal->url;
    auto check = seal::check_seal_text(url, bench::dev_keys().seal_trust, bench::kIssueTime);
    if (!check.valid()) throw std::runtime_error("letter seal does not check: " + check.message);
    return *check.payload;
  }();
  return payload;
}

void BM_SealMake(benchmark::State& state) {
  const auto& payload = letter_payload();
  const auto& key = *bench::dev_keys().seal_key;
  int version = 0;
  for (auto _ : state) {
    auto url = seal::make_seal_url(payload, key);
    if (!url) return state.SkipWithError(url.error().describe().c_str());
    auto grid = qr::encode_qr(*url, qr::QrEcLevel::M);
    if (!grid) return state.SkipWithError(grid.error().describe().c_str());
    version = grid->version;
    benchmark::DoNotOptimize(grid->dark.data());
  }
  state.counters["qr_version"] = version;
}

void BM_SealCheck(benchmark::State& state) {
  const auto& url = bench::LetterInputs::get().inputs.seal->url;
  const auto& trust = bench::dev_keys().seal_trust;
  for (auto _ : state) {
    auto check = seal::check_seal_text(url, trust, bench::kIssueTime);
    if (!check.valid()) return state.SkipWithError(check.message.c_str());
    benchmark::DoNotOptimize(check.payload->document_number.data());
  }
}

// The whole issuing path for one letter: render, sign (ECDSA or RSA), seal.
void BM_RenderSignSeal(benchmark::State& state, bool rsa) {
  auto& keys = bench::dev_keys();
  const auto request =
      bench::letter_request(rsa ? keys.rsa_signer.get() : keys.ec_signer.get(), true);
  for (auto _ : state) {
    auto doc = bench::shared_renderer().render(request);
    if (!doc) return state.SkipWithError(doc.error().describe().c_str());
    benchmark::DoNotOptimize(doc->pdf.data());
  }
}

BENCHMARK_CAPTURE(BM_SignPdf, ecdsa_p256, false)
    ->Name("sign_pdf/ecdsa_p256")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_SignPdf, rsa_3072, true)
    ->Name("sign_pdf/rsa_3072")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SealMake)->Name("seal_make/sk_kelahiran")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SealCheck)->Name("seal_check/sk_kelahiran")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_RenderSignSeal, ecdsa_p256, false)
    ->Name("render_sign_seal/sk_kelahiran/ecdsa_p256")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_RenderSignSeal, rsa_3072, true)
    ->Name("render_sign_seal/sk_kelahiran/rsa_3072")
    ->Unit(benchmark::kMicrosecond);

}  // namespace
