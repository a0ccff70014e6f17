#include "engine/pdf/string_output_device.h"

#include <gtest/gtest.h>

#include <string>

namespace absah::pdf {
namespace {

TEST(StringOutputDevice, PrintsWritesAndOverwritesAfterASeek) {
  std::string out;
  StringOutputDevice device(out);
  device.Print("%d 0 obj\n", 12);
  device.Write("<<>>", 4);
  EXPECT_EQ(out, "12 0 obj\n<<>>");
  EXPECT_EQ(device.Tell(), out.size());
  EXPECT_EQ(device.GetLength(), out.size());

  // A token longer than the stack buffer is formatted in full.
  const std::string long_name(1000, 'N');
  device.Print("/%s", long_name.c_str());
  EXPECT_EQ(out.size(), 13u + 1001u);
  EXPECT_EQ(out.substr(13, 2), "/N");

  device.Seek(3);
  device.Write("1", 1);
  EXPECT_EQ(out.substr(0, 9), "12 1 obj\n") << "overwrites in place";
  EXPECT_EQ(out.size(), 13u + 1001u);
  char back[4] = {};
  EXPECT_EQ(device.Read(back, 3), 3u);
  EXPECT_EQ(std::string(back, 3), " ob");
}

TEST(StringOutputDevice, PlainAndOtherFormatsPrintAlikeAtTheEndAndAfterASeek) {
  std::string out;
  StringOutputDevice device(out);
  device.Print("%0.10lu %0.5hu %c \n", 15ul, static_cast<unsigned short>(0), 'n');  // vsnprintf
  device.Print(" %i %hi R", 4, static_cast<short>(0));                              // plain
  EXPECT_EQ(out, "0000000015 00000 n \n 4 0 R");
  device.Seek(1);
  device.Print("%i", 9);
  device.Seek(20);
  device.Print("%s", "12345678");
  EXPECT_EQ(out, "0900000015 00000 n \n12345678");
  EXPECT_EQ(device.Tell(), out.size());
}

TEST(StringOutputDevice, ASeekPastTheEndIsAnError) {
  std::string out = "abc";
  StringOutputDevice device(out);
  EXPECT_THROW(device.Seek(4), PoDoFo::PdfError);
}

}  // namespace
}  // namespace absah::pdf
