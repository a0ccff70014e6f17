#include "engine/pdf/object_writer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <string>

#include "engine/pdf/pdf_tokens.h"

namespace absah::pdf {

namespace {

std::string name(std::string_view n) {
  std::string out;
  append_name(out, n);
  return out;
}
std::string literal(std::string_view s) {
  std::string out;
  append_literal_string(out, s);
  return out;
}
std::string text(std::string_view s) {
  std::string out;
  append_text_string(out, s);
  return out;
}
std::string real(double v) {
  std::string out;
  append_real(out, v);
  return out;
}

}  // namespace

TEST(PdfTokens, NamesEscapeDelimitersSpacesAndBytesOutsideAscii) {
  EXPECT_EQ(name("LiberationSans-Bold"), "/LiberationSans-Bold");
  EXPECT_EQ(name("A B/C#(x)"), "/A#20B#2FC#23#28x#29");
  EXPECT_EQ(name("\xC3\xA9"), "/#C3#A9");
}

TEST(PdfTokens, LiteralStringsEscapeWhatAReaderWouldOtherwiseChange) {
  EXPECT_EQ(literal("http://x/v/AB"), "(http://x/v/AB)");
  EXPECT_EQ(literal("a(b)c\\d"), "(a\\(b\\)c\\\\d)");
  EXPECT_EQ(literal("line\r\nnext"), "(line\\r\\nnext)");
}

TEST(PdfTokens, TextStringsAreAsciiLiteralsOrUtf16WithByteOrderMark) {
  EXPECT_EQ(text("Signature1"), "(Signature1)");
  EXPECT_EQ(text("Drs. (H) LALU"), "(Drs. \\(H\\) LALU)");
  // é is U+00E9; U+1F600 needs a surrogate pair.
  EXPECT_EQ(text("caf\xC3\xA9"), "<FEFF00630061006600E9>");
  EXPECT_EQ(text("\xF0\x9F\x98\x80"), "<FEFFD83DDE00>");
  EXPECT_EQ(text("a\tb"), "<FEFF006100090062>");  // a control character is not printable
}

TEST(PdfTokens, AnOptionalTextEntryIsLeftOutWhenEmpty) {
  std::string out;
  append_text_entry(out, "Reason", "");
  EXPECT_EQ(out, "");
  append_text_entry(out, "Reason", "Penerbitan");
  append_text_entry(out, "Location", "KOTA MATARAM");
  EXPECT_EQ(out, "/Reason(Penerbitan)/Location(KOTA MATARAM)");
}

TEST(PdfTokens, RealsKeepSixDecimalsWithoutTrailingZeros) {
  EXPECT_EQ(real(595.2755905), "595.275591");
  EXPECT_EQ(real(-12), "-12");
  EXPECT_EQ(real(0.5), "0.5");
  EXPECT_EQ(real(-0.0000001), "0");
}

TEST(ObjectWriter, XrefEntriesPointAtTheirObjectsAndTrailerNamesRootAndInfo) {
  std::string out;
  ObjectWriter writer(out);
  const ObjectRef root = writer.reserve();
  const ObjectRef info = writer.reserve();
  const ObjectRef stream = writer.reserve();
  // Written out of number order, as the document writer does.
  writer.write_stream(stream, "/Filter/FlateDecode", std::string("x\0y", 3));
  writer.begin_object(info) += "<</Producer(absah)>>";
  writer.end_object();
  std::string& r = writer.begin_object(root);
  r += "<</Type/Catalog/Data ";
  append_ref(r, stream);
  r += ">>";
  writer.end_object();
  ASSERT_TRUE(writer.finish(root, info, std::string(16, '\xAB')).ok());

  EXPECT_EQ(out.rfind("%PDF-1.7\n", 0), 0u);
  EXPECT_NE(out.find("<</Filter/FlateDecode/Length 3>>\nstream\nx"), std::string::npos);
  const size_t xref = out.find("xref\n0 4\n");
  ASSERT_NE(xref, std::string::npos);
  std::smatch start;
  ASSERT_TRUE(std::regex_search(out, start, std::regex("startxref\n(\\d+)\n%%EOF\n$")));
  EXPECT_EQ(std::stoul(start[1]), xref);
  EXPECT_EQ(out.substr(xref + 9, 20), "0000000000 65535 f \n");
  for (int n = 1; n <= 3; ++n) {
    const std::string entry = out.substr(xref + 9 + 20 * n, 20);
    ASSERT_EQ(entry.substr(10), " 00000 n \n") << entry;
    const size_t offset = std::stoul(entry.substr(0, 10));
    EXPECT_EQ(out.compare(offset, std::to_string(n).size() + 7, std::to_string(n) + " 0 obj\n"), 0)
        << "object " << n << " at " << offset;
  }
  EXPECT_NE(out.find("/Size 4/Root 1 0 R/Info 2 0 R/ID[<ABABABABABABABABABABABABABABABAB>"
                     "<ABABABABABABABABABABABABABABABAB>]"),
            std::string::npos);
}

TEST(ObjectWriter, AReservedObjectNeverWrittenIsAnError) {
  std::string out;
  ObjectWriter writer(out);
  const ObjectRef root = writer.reserve();
  const ObjectRef info = writer.reserve();
  writer.reserve();
  writer.begin_object(root) += "<</Type/Catalog>>";
  writer.end_object();
  writer.begin_object(info) += "<<>>";
  writer.end_object();
  auto done = writer.finish(root, info, std::string(16, '\0'));
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().path, "pdf.object");
  EXPECT_NE(done.error().message.find("object 3"), std::string::npos);
}

}  // namespace absah::pdf
