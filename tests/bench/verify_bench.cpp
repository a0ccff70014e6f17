// The verifier (verify::verify_document) on what citizens bring: the signed, sealed letter as a
// PDF, and its 200-dpi page scan as PNG (signature, chain and seal checks; no registry).

#include <benchmark/benchmark.h>

#include <stdexcept>

#include "engine/sign/trust_store.h"
#include "engine/verify/verifier.h"
#include "tests/bench/bench_support.h"

namespace {

using namespace absah;

const sign::TrustStore& pdf_trust() {
  static const sign::TrustStore store = [] {
    auto s = sign::TrustStore::from_file(bench::dev_keys().dir / "root-ca.pem");
    if (!s) throw std::runtime_error(s.error().describe());
    return std::move(*s);
  }();
  return store;
}

void verify_bytes(benchmark::State& state, const std::string& bytes) {
  verify::VerifyContext context;
  context.pdf_trust = &pdf_trust();
  context.seal_trust = &bench::dev_keys().seal_trust;
  context.now_unix = bench::kIssueTime + 86400;
  for (auto _ : state) {
    auto report = verify::verify_document(bytes, context);
    if (!report) return state.SkipWithError(report.error().describe().c_str());
    if (report->verdict != verify::Verdict::Valid)
      return state.SkipWithError(
          ("verdict " + std::string(to_string(report->verdict)) + ": " + report->reason).c_str());
  }
}

void BM_VerifyPdf(benchmark::State& state, bool rsa) {
  auto& keys = bench::dev_keys();
  auto doc = bench::shared_renderer().render(
      bench::letter_request(rsa ? keys.rsa_signer.get() : keys.ec_signer.get(), true));
  if (!doc) return state.SkipWithError(doc.error().describe().c_str());
  verify_bytes(state, doc->pdf);
}

void BM_VerifyScan(benchmark::State& state) {
  verify_bytes(state, bench::letter_scan_png(static_cast<int>(state.range(0))));
}

BENCHMARK_CAPTURE(BM_VerifyPdf, ecdsa_p256, false)
    ->Name("verify_pdf/sk_kelahiran/ecdsa_p256")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_VerifyPdf, rsa_3072, true)
    ->Name("verify_pdf/sk_kelahiran/rsa_3072")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_VerifyScan)
    ->Name("verify_scan/letter_png_dpi")
    ->Arg(200)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
