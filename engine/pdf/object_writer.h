#pragma once
// Writes a PDF file (PDF 32000-1 §7.5): the header, numbered indirect objects, the
// cross-reference table and the trailer. absah's documents hold a dozen kinds of objects whose
// dictionaries are known in advance, so their syntax is written directly into the output,
// once, instead of building an object model and serialising it (docs/benchmarks.md measures
// the difference). Objects may be written in any order; numbers are reserved up front so that
// objects can refer to ones written later.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/pdf/pdf_tokens.h"

namespace absah::pdf {

class ObjectWriter {
 public:
  // Appends the header of a PDF 1.7 file to `out`, which receives everything written.
  explicit ObjectWriter(std::string& out);

  // A number for an object written later, by begin_object or write_stream.
  ObjectRef reserve();

  // Starts object `ref` and returns the buffer its value is appended to; end_object closes it.
  std::string& begin_object(ObjectRef ref);
  void end_object();

  // A whole stream object: `dictionary_entries` is the inside of its dictionary without
  // /Length (e.g. "/Filter/FlateDecode"), `data` the stream's bytes as stored.
  void write_stream(ObjectRef ref, std::string_view dictionary_entries, std::string_view data);

  // The cross-reference table and the trailer, naming `root` and `info`; `id` is the 16-byte
  // file identifier, written twice (§14.4). Fails if a reserved object was never written.
  Status finish(ObjectRef root, ObjectRef info, std::string_view id);

 private:
  void start(ObjectRef ref);

  std::string& m_out;
  std::vector<uint64_t> m_offsets;  // by object number; 0 = reserved, not yet written
  bool m_open = false;
};

}  // namespace absah::pdf
