// Whole-pipeline render time per document type, in one long-running process (the way a
// backend uses absah): validate, lay out, shape, subset, write. Not a test: run with
// `make bench`. Samples come from samples/<type>.json.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/base/data_dir.h"
#include "engine/render/renderer.h"

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

int register_all() {
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
