// Whole-pipeline render time per document type, in one long-running process (the way a
// backend uses absah): validate, lay out, shape, subset, write. Not a test: run with
// `make bench`. Samples come from samples/<type>.json.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/base/data_dir.h"
#include "engine/base/file_io.h"
#include "engine/render/renderer.h"
#include "engine/seal/seal_key.h"
#include "engine/sign/key_file_signer.h"

namespace {

absah::render::Renderer& renderer() {
  static auto r = [] {
    auto made = absah::render::Renderer::create({absah::resolve_data_dir()});
    if (!made) throw std::runtime_error(made.error().describe());
    return std::move(*made);
  }();
  return *r;
}

nlohmann::json sample(const std::string& type) {
  std::ifstream in(absah::resolve_data_dir() / "samples" / (type + ".json"));
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

void BM_Render(benchmark::State& state, const std::string& type) {
  absah::render::RenderRequest request{type, sample(type), 1795163400};
  size_t bytes = 0;
  for (auto _ : state) {
    auto doc = renderer().render(request);
    if (!doc) {
      state.SkipWithError(doc.error().describe().c_str());
      return;
    }
    bytes = doc->pdf.size();
    benchmark::DoNotOptimize(doc->pdf.data());
  }
  state.counters["pdf_bytes"] = static_cast<double>(bytes);
}

// Signed (PAdES B-B) and sealed, with the development PKI in $ABSAH_KEYS_DIR or keys/dev.
void BM_RenderSigned(benchmark::State& state, const std::string& type,
                     const std::string& algorithm) {
  const char* env = std::getenv("ABSAH_KEYS_DIR");
  std::filesystem::path keys = env && *env ? env : absah::resolve_data_dir() / "keys" / "dev";
  auto signer = absah::sign::KeyFileSigner::open({keys / ("signing-" + algorithm + "-key.pem"),
                                                  keys / ("signing-" + algorithm + ".pem"),
                                                  keys / "chain.pem"});
  auto pem = absah::read_file(keys / "seal-key.pem");
  if (!signer || !pem) {
    state.SkipWithError("no development PKI: run `absah keys init`");
    return;
  }
  auto seal_key = absah::seal::SealKey::from_pem(*pem);
  absah::render::RenderRequest request{type, sample(type), 1795163400};
  request.signer = signer->get();
  request.seal_key = &*seal_key;
  for (auto _ : state) {
    auto doc = renderer().render(request);
    if (!doc) {
      state.SkipWithError(doc.error().describe().c_str());
      return;
    }
    benchmark::DoNotOptimize(doc->pdf.data());
  }
}

int register_all() {
  for (const char* t : {"ktp_el", "kk", "akta_kelahiran", "sk_kematian"})
    for (const char* a : {"ec", "rsa"})
      benchmark::RegisterBenchmark((std::string("render_signed_sealed/") + t + "/" + a).c_str(),
                                   BM_RenderSigned, std::string(t), std::string(a))
          ->Unit(benchmark::kMillisecond)
          ->Repetitions(5)
          ->ReportAggregatesOnly(true);
  std::vector<std::string> types;
  for (const auto& e : std::filesystem::directory_iterator(absah::resolve_data_dir() / "samples"))
    if (e.path().extension() == ".json") types.push_back(e.path().stem().string());
  std::sort(types.begin(), types.end());
  for (const auto& t : types)
    benchmark::RegisterBenchmark(("render/" + t).c_str(), BM_Render, t)
        ->Unit(benchmark::kMillisecond)
        ->Repetitions(5)
        ->ReportAggregatesOnly(true);
  return 0;
}

const int registered = register_all();

}  // namespace

BENCHMARK_MAIN();
