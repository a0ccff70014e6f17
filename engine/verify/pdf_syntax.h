#pragma once
// A small, bounded reader of PDF object syntax (ISO 32000-1 §7.2–7.3) for the verifier. The
// verifier reads files from strangers, so it does not hand them to a general PDF library that
// inflates whole streams and follows any offset: this reader only tokenises, never decompresses,
// checks every position against the buffer, and refuses nesting or element counts beyond its
// limits. It reads what the verifier needs to judge: object definitions, dictionaries, the
// cross-reference tables and trailers.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.h"

namespace absah::verify {

struct PdfValue;
using PdfDict = std::vector<std::pair<std::string, PdfValue>>;  // key without '/', file order
using PdfArray = std::vector<PdfValue>;

struct PdfRef {
  uint32_t num = 0;
  uint32_t gen = 0;
  bool operator==(const PdfRef&) const = default;
};

struct PdfValue {
  enum class Kind : uint8_t { Null = 0, Bool, Number, Name, String, Array, Dict, Ref };
  Kind kind = Kind::Null;
  std::string text;  // Number: as written; Name: without '/'; String: decoded bytes
  bool boolean = false;
  PdfRef ref;
  std::shared_ptr<PdfArray> array;  // Kind::Array
  std::shared_ptr<PdfDict> dict;    // Kind::Dict
  size_t offset = 0;                // where the value starts in the buffer
  size_t end = 0;                   // one past its last byte

  bool is_name(std::string_view n) const { return kind == Kind::Name && text == n; }
  // Dictionary lookup (first key wins, as readers disagree on duplicates: see has_duplicates).
  const PdfValue* get(std::string_view key) const;
  std::optional<int64_t> as_int() const;
};

struct SyntaxLimits {
  uint32_t max_nesting = 64;
  uint32_t max_elements = 100'000;  // values in one object
  uint32_t max_string_bytes = 1u << 20;
};

// Reads one value starting at `pos` (white space and comments skipped first). On success
// `pos` is just past the value. Errors are PdfInvalid with the byte offset.
Result<PdfValue> parse_pdf_value(std::string_view buf, size_t& pos, const SyntaxLimits& limits);

// White space (Table 1) and comments ('%' to end of line) from `pos`.
size_t skip_pdf_space(std::string_view buf, size_t pos);
bool is_pdf_white(char c);
bool is_pdf_delimiter(char c);

// Reads a run of regular characters (a keyword or number) at `pos`; empty when none.
std::string_view pdf_token_at(std::string_view buf, size_t pos);

// The same value with every offset ignored: used to compare two definitions of an object.
bool same_pdf_value(const PdfValue& a, const PdfValue& b);

}  // namespace absah::verify
