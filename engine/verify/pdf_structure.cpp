#include "engine/verify/pdf_structure.h"

#include <cctype>

namespace absah::verify {

const PdfObjectDef* PdfSection::find(uint32_t num) const {
  const PdfObjectDef* found = nullptr;
  for (const auto& o : objects)
    if (o.id.num == num) found = &o;  // the last definition in a section wins
  return found;
}

namespace {

bool all_digits(std::string_view t, size_t max_len) {
  if (t.empty() || t.size() > max_len) return false;
  for (char c : t)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

uint64_t to_u64(std::string_view t) {
  uint64_t v = 0;
  for (char c : t) v = v * 10 + static_cast<uint64_t>(c - '0');
  return v;
}

Error structure_error(size_t offset, std::string message) {
  Error e(ErrorCode::PdfInvalid, "", std::move(message));
  e.offset = offset;
  return e;
}

size_t find_in(std::string_view file, std::string_view needle, size_t from, size_t end) {
  if (from >= end) return std::string_view::npos;
  size_t p = file.substr(0, end).find(needle, from);
  return p;
}

class SectionReader {
 public:
  SectionReader(std::string_view file, size_t begin, size_t end, ScanMode mode,
                const StructureLimits& limits)
      : m_file(file.substr(0, end)), m_mode(mode), m_limits(limits) {
    m_section.begin = begin;
    m_section.end = end;
    m_pos = begin;
  }

  Result<PdfSection> read() {
    for (;;) {
      m_pos = skip_space_counting_eof(m_pos);
      if (m_pos >= m_file.size()) break;
      std::string_view tok = pdf_token_at(m_file, m_pos);
      Status step = ok_status();
      if (all_digits(tok, 10)) {
        step = object();
      } else if (tok == "xref") {
        step = xref_table();
      } else if (tok == "trailer") {
        step = trailer();
      } else if (tok == "startxref") {
        step = startxref();
      } else {
        step = structure_error(m_pos, "unexpected '" + printable(tok) + "' between objects");
      }
      if (!step) {
        if (m_mode == ScanMode::Strict) return step.take_error();
        skip_line();
      }
    }
    return std::move(m_section);
  }

 private:
  static std::string printable(std::string_view t) {
    std::string out;
    for (char c : t.substr(0, 24))
      out.push_back(std::isprint(static_cast<unsigned char>(c)) ? c : '?');
    return out.empty() ? "?" : out;
  }

  // Like skip_pdf_space, but counts "%%EOF" comments, which end a revision.
  size_t skip_space_counting_eof(size_t pos) {
    while (pos < m_file.size()) {
      if (is_pdf_white(m_file[pos])) {
        ++pos;
      } else if (m_file[pos] == '%') {
        if (m_file.substr(pos, 5) == "%%EOF") ++m_section.eof_markers;
        while (pos < m_file.size() && m_file[pos] != '\n' && m_file[pos] != '\r') ++pos;
      } else {
        break;
      }
    }
    return pos;
  }

  void skip_line() {
    size_t p = m_pos + 1;
    while (p < m_file.size() && m_file[p] != '\n' && m_file[p] != '\r') ++p;
    m_pos = p;
  }

  Status object() {
    const size_t start = m_pos;
    if (++m_count > m_limits.max_objects)
      return structure_error(
          start, "more than " + std::to_string(m_limits.max_objects) + " objects (limit)");
    std::string_view num = pdf_token_at(m_file, m_pos);
    size_t p = skip_pdf_space(m_file, m_pos + num.size());
    std::string_view gen = pdf_token_at(m_file, p);
    if (!all_digits(gen, 5)) return structure_error(start, "object number without generation");
    p = skip_pdf_space(m_file, p + gen.size());
    if (pdf_token_at(m_file, p) != "obj") return structure_error(start, "expected 'obj'");
    p += 3;
    PdfObjectDef def;
    def.id.num = static_cast<uint32_t>(to_u64(num) & 0xFFFFFFFFu);
    def.id.gen = static_cast<uint32_t>(to_u64(gen));
    def.offset = start;
    auto value = parse_pdf_value(m_file, p, m_limits.syntax);
    if (!value) return value.take_error();
    def.value = std::move(*value);
    p = skip_pdf_space(m_file, p);
    if (pdf_token_at(m_file, p) == "stream") {
      Status s = stream(def, p + 6);
      if (!s) return s;
      p = def.stream_end;
      size_t es = find_in(m_file, "endstream", p, m_file.size());
      if (es == std::string_view::npos) return structure_error(start, "no 'endstream'");
      p = skip_pdf_space(m_file, es + 9);
    }
    if (pdf_token_at(m_file, p) != "endobj")
      return structure_error(p, "expected 'endobj' for object " + std::string(num));
    def.end = p + 6;
    m_pos = def.end;
    m_section.objects.push_back(std::move(def));
    return ok_status();
  }

  // ISO 32000-1 §7.3.8.1: "stream" is followed by CRLF or LF; the data ends before
  // "endstream" (with an optional end-of-line). A direct /Length that lands on "endstream" is
  // used; otherwise the data runs to the next "endstream".
  Status stream(PdfObjectDef& def, size_t after_keyword) {
    size_t p = after_keyword;
    if (p < m_file.size() && m_file[p] == '\r') ++p;
    if (p < m_file.size() && m_file[p] == '\n') ++p;
    def.has_stream = true;
    def.stream_begin = p;
    if (const PdfValue* len = def.value.get("Length")) {
      if (auto n = len->as_int(); n && *n >= 0 && static_cast<uint64_t>(*n) <= m_file.size() - p) {
        size_t e = p + static_cast<size_t>(*n);
        size_t q = skip_pdf_space(m_file, e);
        if (pdf_token_at(m_file, q) == "endstream") {
          def.stream_end = e;
          return ok_status();
        }
      }
    }
    size_t es = find_in(m_file, "endstream", p, m_file.size());
    if (es == std::string_view::npos)
      return structure_error(def.offset, "stream without 'endstream'");
    size_t e = es;
    if (e > p && m_file[e - 1] == '\n') --e;
    if (e > p && m_file[e - 1] == '\r') --e;
    def.stream_end = e;
    return ok_status();
  }

  Status xref_table() {
    ++m_section.xref_tables;
    m_section.xref_offsets.push_back(m_pos);
    size_t p = m_pos + 4;
    for (;;) {
      p = skip_pdf_space(m_file, p);
      std::string_view first = pdf_token_at(m_file, p);
      if (!all_digits(first, 10)) break;  // "trailer" or the end
      size_t q = skip_pdf_space(m_file, p + first.size());
      std::string_view count = pdf_token_at(m_file, q);
      if (!all_digits(count, 10)) return structure_error(p, "xref subsection without a count");
      p = q + count.size();
      uint64_t n = to_u64(count);
      uint64_t num = to_u64(first);
      if (n > m_limits.max_objects || m_section.xref.size() + n > m_limits.max_objects)
        return structure_error(q, "xref subsection larger than the object limit");
      for (uint64_t i = 0; i < n; ++i) {
        p = skip_pdf_space(m_file, p);
        std::string_view off = pdf_token_at(m_file, p);
        size_t g = skip_pdf_space(m_file, p + off.size());
        std::string_view gen = pdf_token_at(m_file, g);
        size_t t = skip_pdf_space(m_file, g + gen.size());
        std::string_view type = pdf_token_at(m_file, t);
        if (!all_digits(off, 10) || !all_digits(gen, 5) || (type != "n" && type != "f"))
          return structure_error(p, "malformed xref entry");
        m_section.xref.push_back({static_cast<uint32_t>((num + i) & 0xFFFFFFFFu), to_u64(off),
                                  static_cast<uint32_t>(to_u64(gen)), type == "n"});
        p = t + 1;
      }
    }
    m_pos = p;
    return ok_status();
  }

  Status trailer() {
    size_t p = m_pos + 7;
    auto dict = parse_pdf_value(m_file, p, m_limits.syntax);
    if (!dict) return dict.take_error();
    if (dict->kind != PdfValue::Kind::Dict)
      return structure_error(m_pos, "trailer is not a dictionary");
    m_section.trailers.push_back(std::move(*dict));
    m_pos = p;
    return ok_status();
  }

  Status startxref() {
    size_t p = skip_pdf_space(m_file, m_pos + 9);
    std::string_view v = pdf_token_at(m_file, p);
    if (!all_digits(v, 15)) return structure_error(p, "startxref without an offset");
    m_section.startxrefs.push_back(to_u64(v));
    m_pos = p + v.size();
    return ok_status();
  }

  std::string_view m_file;
  ScanMode m_mode;
  const StructureLimits& m_limits;
  PdfSection m_section;
  size_t m_pos = 0;
  uint64_t m_count = 0;
};

}  // namespace

Result<PdfSection> scan_pdf_section(std::string_view file, size_t begin, size_t end, ScanMode mode,
                                    const StructureLimits& limits) {
  if (begin > end || end > file.size()) return structure_error(begin, "section outside the file");
  SectionReader reader(file, begin, end, mode, limits);
  return reader.read();
}

}  // namespace absah::verify
