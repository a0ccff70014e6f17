// The render pipeline stage by stage, for the sealed one-page letter (sk_kelahiran): shaping,
// layout, PDF writing, font subsetting. Each stage gets the previous stage's real output, made
// once outside the timed loop, so the figures add up to roughly one unsigned render
// (bench_render measures the whole pipeline). Not a test: `make bench` runs it.

#include <benchmark/benchmark.h>

#include <map>
#include <set>

#include "engine/layout/layout.h"
#include "engine/pdf/pdf_writer.h"
#include "engine/text/font_face.h"
#include "engine/text/font_subset.h"
#include "engine/text/shaper.h"
#include "tests/bench/bench_support.h"

namespace {

using namespace absah;
using absah::bench::shared_renderer;

// One label and one value line as the letter prints them, and a long paragraph that wraps.
constexpr const char* kLabel = "Nama Lengkap";
constexpr const char* kValue = "LALU MUHAMMAD RIZKI ARDIANSYAH";
constexpr const char* kParagraph =
    "Yang bertanda tangan di bawah ini, Kepala Dinas Kependudukan dan Pencatatan Sipil Kota "
    "Mataram, dengan ini menerangkan bahwa telah dicatat kelahiran seorang anak perempuan "
    "bernama BAIQ AULIA RAHMAWATI, lahir di KOTA MATARAM pada tanggal 12 Januari 2026 pukul "
    "08.15 WITA, anak kedua dari ibu BAIQ SRI WAHYUNI dan ayah LALU MUHAMMAD RIZKI ARDIANSYAH.";

// Text as the letter repeats it: labels and static paragraphs come from the shaping cache
// after the first document (paragraphs over its size bound are shaped every time).
void shape(benchmark::State& state, const char* text) {
  const auto& fonts = shared_renderer().fonts();
  auto font = fonts.find("sans");
  if (!font) return state.SkipWithError(font.error().describe().c_str());
  size_t glyphs = 0;
  for (auto _ : state) {
    auto shaped = text::shape_text(fonts, *font, text);
    if (!shaped) return state.SkipWithError(shaped.error().describe().c_str());
    glyphs = shaped->glyphs.size();
    benchmark::DoNotOptimize(shaped->glyphs.data());
  }
  state.counters["glyphs"] = static_cast<double>(glyphs);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(glyphs));
}

void BM_Layout(benchmark::State& state) {
  const auto& l = bench::LetterInputs::get();
  const auto inputs = l.bound();
  for (auto _ : state) {
    auto laid = layout::layout_document(*l.spec, shared_renderer().fonts(), inputs);
    if (!laid) return state.SkipWithError(laid.error().describe().c_str());
    benchmark::DoNotOptimize(laid->frames.pages.data());
  }
}

void BM_WritePdf(benchmark::State& state) {
  const auto& frames = bench::letter_frames();
  pdf::PdfWriteOptions options;
  options.creation_time_unix = bench::kIssueTime;
  size_t bytes = 0;
  for (auto _ : state) {
    auto pdf = pdf::write_pdf(frames, shared_renderer().fonts(), options);
    if (!pdf) return state.SkipWithError(pdf.error().describe().c_str());
    bytes = pdf->size();
    benchmark::DoNotOptimize(pdf->data());
  }
  state.counters["pdf_bytes"] = static_cast<double>(bytes);
}

// Every face the letter uses, subset to the glyphs it uses: the subsetting part of write_pdf.
void BM_SubsetFonts(benchmark::State& state) {
  std::map<text::FontId, std::set<uint32_t>> used;
  for (const auto& page : bench::letter_frames().pages)
    for (const auto& item : page.items)
      if (const auto* run = std::get_if<layout::GlyphRun>(&item))
        for (const auto& g : run->glyphs) used[run->font].insert(g.glyph_id);
  std::vector<std::pair<const text::FontFace*, const std::set<uint32_t>*>> jobs;
  size_t glyphs = 0;
  for (const auto& [id, set] : used) {
    auto face = shared_renderer().fonts().face(id);
    if (!face) return state.SkipWithError(face.error().describe().c_str());
    jobs.emplace_back(*face, &set);
    glyphs += set.size();
  }
  size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (const auto& [face, set] : jobs) {
      auto subset = text::subset_font(*face, *set);
      if (!subset) return state.SkipWithError(subset.error().describe().c_str());
      bytes += subset->size();
    }
  }
  state.counters["faces"] = static_cast<double>(jobs.size());
  state.counters["glyphs"] = static_cast<double>(glyphs);
  state.counters["subset_bytes"] = static_cast<double>(bytes);
}

// What a fresh process pays before its first document, per face: reading the font file,
// HarfBuzz and FreeType set-up, and the subset preprocessing that only repeated subsetting
// pays back.
void BM_LoadFace(benchmark::State& state) {
  const auto& fonts = shared_renderer().fonts();
  auto id = fonts.find("sans");
  if (!id) return state.SkipWithError(id.error().describe().c_str());
  auto face = fonts.face(*id);
  if (!face) return state.SkipWithError(face.error().describe().c_str());
  const std::string path = (*face)->path();
  for (auto _ : state) {
    auto loaded = text::FontFace::load(path);
    if (!loaded) return state.SkipWithError(loaded.error().describe().c_str());
    benchmark::DoNotOptimize(loaded->get());
  }
}

void BM_RenderUnsigned(benchmark::State& state) {
  const auto request = bench::letter_request(nullptr, false);
  for (auto _ : state) {
    auto doc = shared_renderer().render(request);
    if (!doc) return state.SkipWithError(doc.error().describe().c_str());
    benchmark::DoNotOptimize(doc->pdf.data());
  }
}

// Text the shaping cache has not seen: every iteration shapes a value with a new serial number,
// as record values mostly are.
void shape_fresh(benchmark::State& state, const char* text) {
  const auto& fonts = shared_renderer().fonts();
  auto font = fonts.find("sans");
  if (!font) return state.SkipWithError(font.error().describe().c_str());
  uint64_t serial = 0;
  std::string buffer;
  for (auto _ : state) {
    buffer.assign(text);
    buffer += ' ';
    buffer += std::to_string(serial++);
    auto shaped = text::shape_text(fonts, *font, buffer);
    if (!shaped) return state.SkipWithError(shaped.error().describe().c_str());
    benchmark::DoNotOptimize(shaped->glyphs.data());
  }
}

BENCHMARK_CAPTURE(shape, label, kLabel)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(shape, value, kValue)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(shape, paragraph, kParagraph)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(shape_fresh, value, kValue)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Layout)->Name("layout/sk_kelahiran")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SubsetFonts)->Name("subset/sk_kelahiran")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_WritePdf)->Name("write_pdf/sk_kelahiran")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LoadFace)->Name("font_face_load/liberation_sans")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RenderUnsigned)->Name("render_unsigned/sk_kelahiran")->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
