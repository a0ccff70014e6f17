#include "engine/pdf/pdf_inspector.h"

#include <gtest/gtest.h>

#include "engine/base/data_dir.h"
#include "engine/pdf/pdf_writer.h"

namespace absah::pdf {

namespace {

std::string written_pdf() {
  auto fonts = *text::FontBook::load_manifest(resolve_data_dir() / "fonts" / "fonts.jsonc");
  layout::DocumentFrames frames;
  layout::PageFrame page;
  page.size = {200, 100};
  page.items.push_back(layout::Link{{10, 10, 50, 50}, "http://localhost:8080/v/ABC"});
  auto img = std::make_shared<layout::ImageData>();
  img->format = layout::ImageData::Format::Gray8;
  img->width = 4;
  img->height = 2;
  img->components = 1;
  img->bytes = std::string("\x00\xFF\x00\xFF\xFF\x00\xFF\x00", 8);
  page.items.push_back(layout::Image{{0, 0, 40, 20}, img});
  frames.pages.push_back(page);
  return *write_pdf(frames, *fonts, {});
}

}  // namespace

TEST(PdfInspector, FindsLinksAndImageSamples) {
  auto inspection = inspect_pdf(written_pdf());
  ASSERT_TRUE(inspection) << inspection.error().describe();
  EXPECT_EQ(inspection->pages, 1u);
  ASSERT_EQ(inspection->links.size(), 1u);
  EXPECT_EQ(inspection->links[0].uri, "http://localhost:8080/v/ABC");
  ASSERT_EQ(inspection->images.size(), 1u);
  EXPECT_EQ(inspection->images[0].width, 4);
  EXPECT_EQ(inspection->images[0].components, 1);
  EXPECT_EQ(inspection->images[0].bytes, std::string("\x00\xFF\x00\xFF\xFF\x00\xFF\x00", 8));
}

TEST(PdfInspector, DamagedInputIsAnErrorNotACrash) {
  EXPECT_EQ(inspect_pdf("not a pdf at all").error().code, ErrorCode::PdfInvalid);
  const std::string pdf = written_pdf();
  for (size_t cut : {size_t{9}, pdf.size() / 3, pdf.size() / 2, pdf.size() - 40}) {
    auto r = inspect_pdf(std::string_view(pdf).substr(0, cut));
    if (!r) EXPECT_EQ(r.error().code, ErrorCode::PdfInvalid);
  }
  std::string flipped = pdf;
  for (size_t i = 0; i < flipped.size(); i += 97) flipped[i] ^= 0x5A;
  auto r = inspect_pdf(flipped);
  if (!r) EXPECT_EQ(r.error().code, ErrorCode::PdfInvalid);
}

}  // namespace absah::pdf
