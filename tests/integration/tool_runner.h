#pragma once
// Runs the absah binary and the independent judges (qpdf, pdffonts, pdftotext, pdfinfo) from
// the tests, capturing their output and exit status.

#include <filesystem>
#include <string>

namespace absah::testing {

struct ToolResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr, interleaved
};

// Runs `command` through /bin/sh; arguments must already be quoted.
ToolResult run_tool(const std::string& command);
std::string quote(const std::string& arg);

// `absah <args>`, with ABSAH_DATA_DIR pointing at the source tree.
ToolResult run_absah(const std::string& args);

// A fresh, empty temporary directory removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

std::string read_text(const std::filesystem::path& path);
std::filesystem::path source_dir();

}  // namespace absah::testing
