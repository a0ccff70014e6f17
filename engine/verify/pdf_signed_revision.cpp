#include "engine/verify/pdf_signed_revision.h"

#include <cctype>
#include <map>

namespace absah::verify {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (the "days from civil" algorithm).
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr std::string_view kByteRangeKey = "/ByteRange";

// The first "/ByteRange" key that is a whole name (not a prefix of a longer name).
size_t find_byte_range_key(std::string_view pdf, size_t from) {
  for (size_t p = pdf.find(kByteRangeKey, from); p != std::string_view::npos;
       p = pdf.find(kByteRangeKey, p + 1)) {
    size_t after = p + kByteRangeKey.size();
    if (after >= pdf.size() || is_pdf_white(pdf[after]) || is_pdf_delimiter(pdf[after])) return p;
  }
  return std::string_view::npos;
}

std::optional<std::array<uint64_t, 4>> byte_range_values(const PdfValue& v) {
  if (v.kind != PdfValue::Kind::Array || v.array->size() != 4) return std::nullopt;
  std::array<uint64_t, 4> out{};
  for (size_t i = 0; i < 4; ++i) {
    auto n = (*v.array)[i].as_int();
    if (!n || *n < 0 || (*v.array)[i].text.size() > 15) return std::nullopt;
    out[i] = static_cast<uint64_t>(*n);
  }
  return out;
}

bool ends_with_eof_marker(std::string_view signed_part) {
  size_t e = signed_part.size();
  while (e > 0 &&
         (signed_part[e - 1] == '\n' || signed_part[e - 1] == '\r' || signed_part[e - 1] == ' '))
    --e;
  return e >= 5 && signed_part.substr(e - 5, 5) == "%%EOF";
}

Finding structure_finding(const PdfSection& s) {
  if (s.xref_tables != 1 || s.trailers.size() != 1 || s.startxrefs.size() != 1)
    return {"structure.multiple_revisions",
            "the signed part holds " + std::to_string(s.xref_tables) + " xref table(s) and " +
                std::to_string(s.trailers.size()) +
                " trailer(s); absah signs single-revision documents",
            std::nullopt};
  std::map<uint32_t, const PdfObjectDef*> by_number;
  for (const auto& o : s.objects) {
    if (!by_number.emplace(o.id.num, &o).second)
      return Finding::at("structure.duplicate_object",
                         "object " + std::to_string(o.id.num) + " is defined twice", o.offset);
  }
  size_t in_use = 0;
  for (const auto& e : s.xref) {
    if (!e.in_use) continue;
    ++in_use;
    auto it = by_number.find(e.num);
    if (it == by_number.end() || it->second->offset != e.offset)
      return {
          "structure.xref_mismatch",
          "the xref entry of object " + std::to_string(e.num) + " does not point at its definition",
          e.offset};
  }
  if (in_use != by_number.size())
    return {"structure.xref_mismatch",
            std::to_string(by_number.size() - std::min(in_use, by_number.size())) +
                " object(s) are not in the xref table",
            std::nullopt};
  return {};
}

}  // namespace

bool has_signature_dictionary(std::string_view pdf) {
  return find_byte_range_key(pdf, 0) != std::string_view::npos;
}

std::optional<int64_t> parse_pdf_date(std::string_view t) {
  if (t.substr(0, 2) == "D:") t.remove_prefix(2);
  auto digits = [&](size_t at, size_t n) -> std::optional<int> {
    if (at + n > t.size()) return std::nullopt;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(t[i]))) return std::nullopt;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  auto year = digits(0, 4), month = digits(4, 2), day = digits(6, 2);
  auto hour = digits(8, 2), minute = digits(10, 2), second = digits(12, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  if (*month < 1 || *month > 12 || *day < 1 || *day > 31 || *hour > 23 || *minute > 59 ||
      *second > 60)
    return std::nullopt;
  int64_t unix =
      days_from_civil(*year, *month, *day) * 86400 + *hour * 3600 + *minute * 60 + *second;
  if (t.size() > 14 && (t[14] == '+' || t[14] == '-')) {
    auto oh = digits(15, 2);
    auto om = t.size() >= 20 ? digits(18, 2) : std::optional<int>(0);
    if (!oh || !om) return std::nullopt;
    int64_t offset = *oh * 3600 + *om * 60;
    unix += t[14] == '+' ? -offset : offset;
  }
  return unix;
}

SignedRevisionResult read_signed_revision(std::string_view pdf, const StructureLimits& limits) {
  SignedRevisionResult out;
  const size_t key = find_byte_range_key(pdf, 0);
  if (key == std::string_view::npos) {
    out.finding = {"signature.missing", "the PDF has no signature dictionary", std::nullopt};
    return out;
  }
  size_t pos = key + kByteRangeKey.size();
  auto value = parse_pdf_value(pdf, pos, limits.syntax);
  std::optional<std::array<uint64_t, 4>> br;
  if (value) br = byte_range_values(*value);
  if (!br) {
    out.finding = Finding::at("signature.byte_range_malformed",
                              "the /ByteRange is not four non-negative integers", key);
    return out;
  }
  const auto [b0, b1, b2, b3] = *br;
  const uint64_t size = pdf.size();
  if (b0 != 0) {
    out.finding = Finding::at(
        "signature.byte_range_not_from_start",
        "the signed range starts at byte " + std::to_string(b0) + ", not at the start of the file",
        key);
    return out;
  }
  if (b1 == 0 || b2 <= b1 + 1) {
    out.finding = Finding::at("signature.byte_range_overlap",
                              "the two signed ranges overlap or leave no room for /Contents", key);
    return out;
  }
  if (b2 > size || b3 > size - b2) {
    out.finding = Finding::at("signature.byte_range_past_end",
                              "the signed range ends at byte " + std::to_string(b2 + b3) +
                                  " but the file has " + std::to_string(size) + " bytes",
                              key);
    return out;
  }
  if (pdf[b1] != '<' || pdf[b2 - 1] != '>') {
    out.finding = Finding::at("signature.gap_not_contents",
                              "the unsigned gap is not exactly one hex string", b1);
    return out;
  }
  for (uint64_t i = b1 + 1; i + 1 < b2; ++i) {
    char c = pdf[i];
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      out.finding = Finding::at("signature.gap_not_contents",
                                "the unsigned gap holds something other than hex digits", i);
      return out;
    }
  }
  const size_t signed_end = b2 + b3;
  if (!ends_with_eof_marker(pdf.substr(0, signed_end))) {
    out.finding =
        Finding::at("signature.byte_range_short",
                    "the signed range stops before the end of a revision (%%EOF)", signed_end);
    return out;
  }

  out.byte_range = *br;
  auto section = scan_pdf_section(pdf, 0, signed_end, ScanMode::Strict, limits);
  if (!section) {
    out.finding = {"structure.unparseable", "signed revision: " + section.error().message,
                   section.error().offset};
    return out;
  }
  SignedRevision rev;
  rev.byte_range = *br;
  rev.signed_end = signed_end;
  rev.section = std::move(*section);

  // The signature dictionary: the object holding this ByteRange, whose /Contents is the gap.
  const PdfObjectDef* sig = nullptr;
  for (const auto& o : rev.section.objects) {
    if (o.value.kind != PdfValue::Kind::Dict) continue;
    if (const PdfValue* r = o.value.get("ByteRange")) {
      ++rev.signature_dicts;
      if (r->offset > key && key >= o.offset && key < o.end) sig = &o;
    }
  }
  out.revision = std::move(rev);
  SignedRevision& r = *out.revision;
  if (!sig) {
    out.finding = Finding::at("signature.dict_mismatch",
                              "the /ByteRange is not in a signature dictionary object", key);
    return out;
  }
  r.signature_object = sig->id;
  const PdfValue* contents = sig->value.get("Contents");
  if (!contents || contents->kind != PdfValue::Kind::String || contents->offset != b1) {
    out.finding =
        Finding::at("signature.gap_not_contents",
                    "the unsigned gap is not the /Contents of the signature dictionary", b1);
    return out;
  }
  if (const PdfValue* m = sig->value.get("M"); m && m->kind == PdfValue::Kind::String)
    r.claimed_signing_time = parse_pdf_date(m->text);
  if (r.signature_dicts != 1) {
    out.finding = {"signature.multiple",
                   std::to_string(r.signature_dicts) +
                       " signature dictionaries in the signed revision; absah signs once",
                   std::nullopt};
    return out;
  }
  out.finding = structure_finding(r.section);
  return out;
}

}  // namespace absah::verify
