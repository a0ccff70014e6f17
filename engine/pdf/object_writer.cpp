#include "engine/pdf/object_writer.h"

#include <cassert>

namespace absah::pdf {

namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

// Cross-reference entries are exactly 20 bytes: ten-digit offset, five-digit generation, type,
// and a two-byte end of line (§7.5.4).
void append_xref_entry(std::string& out, uint64_t offset, const char* generation_and_type) {
  char digits[10];
  for (int i = 9; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + offset % 10);
    offset /= 10;
  }
  out.append(digits, 10);
  out += generation_and_type;
}

}  // namespace

ObjectWriter::ObjectWriter(std::string& out) : m_out(out) {
  m_offsets.push_back(0);  // object 0 heads the free list
  // A comment with bytes above 127 right after the header tells transfer tools the file is
  // binary (§7.5.2).
  m_out += "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
}

ObjectRef ObjectWriter::reserve() {
  m_offsets.push_back(0);
  return {static_cast<uint32_t>(m_offsets.size() - 1)};
}

void ObjectWriter::start(ObjectRef ref) {
  assert(!m_open && ref.number > 0 && ref.number < m_offsets.size() && !m_offsets[ref.number]);
  m_offsets[ref.number] = m_out.size();
  append_integer(m_out, ref.number);
  m_out += " 0 obj\n";
}

std::string& ObjectWriter::begin_object(ObjectRef ref) {
  start(ref);
  m_open = true;
  return m_out;
}

void ObjectWriter::end_object() {
  assert(m_open);
  m_open = false;
  m_out += "\nendobj\n";
}

void ObjectWriter::write_stream(ObjectRef ref, std::string_view dictionary_entries,
                                std::string_view data) {
  start(ref);
  m_out += "<<";
  m_out += dictionary_entries;
  m_out += "/Length ";
  append_integer(m_out, static_cast<int64_t>(data.size()));
  // The end of line after "stream" is CR LF or LF, never CR alone (§7.3.8.1).
  m_out += ">>\nstream\n";
  m_out += data;
  m_out += "\nendstream\nendobj\n";
}

Status ObjectWriter::finish(ObjectRef root, ObjectRef info, std::string_view id) {
  for (size_t n = 1; n < m_offsets.size(); ++n)
    if (!m_offsets[n])
      return Error(ErrorCode::Internal, "pdf.object",
                   "object " + std::to_string(n) + " was reserved but never written");
  const uint64_t xref_offset = m_out.size();
  m_out += "xref\n0 ";
  append_integer(m_out, static_cast<int64_t>(m_offsets.size()));
  m_out += '\n';
  append_xref_entry(m_out, 0, " 65535 f \n");
  for (size_t n = 1; n < m_offsets.size(); ++n)
    append_xref_entry(m_out, m_offsets[n], " 00000 n \n");
  m_out += "trailer\n<</Size ";
  append_integer(m_out, static_cast<int64_t>(m_offsets.size()));
  m_out += "/Root ";
  append_ref(m_out, root);
  m_out += "/Info ";
  append_ref(m_out, info);
  m_out += "/ID[";
  for (int copy = 0; copy < 2; ++copy) {
    m_out += '<';
    for (unsigned char c : id) {
      m_out += kHexDigits[c >> 4];
      m_out += kHexDigits[c & 15];
    }
    m_out += '>';
  }
  m_out += "]>>\nstartxref\n";
  append_integer(m_out, static_cast<int64_t>(xref_offset));
  m_out += "\n%%EOF\n";
  return ok_status();
}

}  // namespace absah::pdf
