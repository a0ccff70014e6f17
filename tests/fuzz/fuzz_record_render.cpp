// Record JSON → validation → layout → unsigned PDF, through the same Renderer the CLI uses.
// Input: the document type on the first line, the record after it ("kk\n{...}"), so that the
// samples are seeds for every type and the fuzzer can also try unknown types.

#include "engine/render/renderer.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

const absah::render::Renderer& renderer() {
  static const auto instance = [] {
    auto r = absah::render::Renderer::create({absah::fuzz::data_dir()});
    if (!r) std::abort();
    return std::move(r).value();
  }();
  return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace absah;
  const auto text = fuzz::as_text(data, size);
  const size_t newline = text.find('\n');
  if (newline == std::string_view::npos || newline > 64) return 0;
  render::RenderRequest request;
  request.type = std::string(text.substr(0, newline));
  request.record = nlohmann::json::parse(text.substr(newline + 1), nullptr,
                                         /*allow_exceptions=*/false);
  if (request.record.is_discarded()) return 0;
  request.issue_time_unix = fuzz::kFuzzNow;
  auto rendered = renderer().render(request);
  (void)rendered;
  return 0;
}
