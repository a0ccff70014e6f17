#include "engine/verify/pdf_updates.h"

#include <algorithm>
#include <array>
#include <map>

namespace absah::verify {

namespace {

// ISO 32000-1 §12.5.6.1 Table 169 (annotation types), plus the PDF 2.0 additions.
constexpr std::array<std::string_view, 28> kAnnotationSubtypes = {
    "Text",    "Link",     "FreeText",  "Line",        "Square",         "Circle",
    "Polygon", "PolyLine", "Highlight", "Underline",   "Squiggly",       "StrikeOut",
    "Stamp",   "Caret",    "Ink",       "Popup",       "FileAttachment", "Sound",
    "Movie",   "Widget",   "Screen",    "PrinterMark", "TrapNet",        "Watermark",
    "3D",      "Redact",   "RichMedia", "Projection"};

// Object types whose change alters how a page looks.
constexpr std::array<std::string_view, 9> kVisualTypes = {
    "Page", "Pages", "Font", "FontDescriptor", "XObject", "ExtGState", "Pattern", "Shading", "OCG"};

enum class Role : uint8_t {
  Plain = 0,
  Signature,
  Annotation,
  FormField,
  Visual,
  Catalog,
  Uninspectable,
};

Role role_of(const PdfObjectDef& o) {
  const PdfValue& v = o.value;
  const PdfValue* type = v.get("Type");
  const std::string type_name = type && type->kind == PdfValue::Kind::Name ? type->text : "";
  if (type_name == "ObjStm" || type_name == "XRef") return Role::Uninspectable;
  if (type_name == "Sig" || type_name == "DocTimeStamp" || v.get("ByteRange"))
    return Role::Signature;
  if (v.get("FT")) return Role::FormField;
  const PdfValue* subtype = v.get("Subtype");
  if (type_name == "Annot" || (subtype && subtype->kind == PdfValue::Kind::Name &&
                               std::find(kAnnotationSubtypes.begin(), kAnnotationSubtypes.end(),
                                         subtype->text) != kAnnotationSubtypes.end()))
    return Role::Annotation;
  if (type_name == "Catalog") return Role::Catalog;
  if (std::find(kVisualTypes.begin(), kVisualTypes.end(), type_name) != kVisualTypes.end())
    return Role::Visual;
  // Field dictionaries without /FT inherit it; a /V with a /Parent is a field's value.
  if (v.get("V") && (v.get("Parent") || v.get("T"))) return Role::FormField;
  if (o.has_stream) return Role::Visual;  // content streams, font programs, images
  return Role::Plain;
}

std::string object_name(const PdfObjectDef& o) {
  return "object " + std::to_string(o.id.num);
}

// The catalog may gain or change /DSS; every other entry must stay as signed.
bool catalog_same_except_dss(const PdfValue& a, const PdfValue& b) {
  if (a.kind != PdfValue::Kind::Dict || b.kind != PdfValue::Kind::Dict) return false;
  std::map<std::string, const PdfValue*> ma, mb;
  for (const auto& [k, v] : *a.dict)
    if (k != "DSS" && !ma.emplace(k, &v).second) return false;
  for (const auto& [k, v] : *b.dict)
    if (k != "DSS" && !mb.emplace(k, &v).second) return false;
  if (ma.size() != mb.size()) return false;
  for (const auto& [k, v] : ma) {
    auto it = mb.find(k);
    if (it == mb.end() || !same_pdf_value(*v, *it->second)) return false;
  }
  return true;
}

Finding redefinition_finding(const PdfObjectDef& original, const PdfObjectDef& update,
                             uint32_t catalog_num) {
  const Role before = role_of(original);
  const Role after = role_of(update);
  auto is = [&](Role r) { return before == r || after == r; };
  const std::string what = object_name(update) + " of the signed revision redefined";
  if (is(Role::Uninspectable))
    return Finding::at("updates.uninspectable", what + " as an object or xref stream",
                       update.offset);
  if (is(Role::Signature))
    return Finding::at("updates.signature_changed", what + ": the signature dictionary",
                       update.offset);
  if (is(Role::FormField))
    return Finding::at("updates.form_value", what + ": a form field", update.offset);
  if (is(Role::Annotation))
    return Finding::at("updates.annotation", what + ": an annotation", update.offset);
  if (is(Role::Visual))
    return Finding::at("updates.page_content", what + ": page content", update.offset);
  if (original.id.num == catalog_num) {
    if (catalog_same_except_dss(original.value, update.value)) return {};
    return Finding::at("updates.catalog_changed", what + ": the catalog, beyond /DSS",
                       update.offset);
  }
  return Finding::at("updates.object_redefined", what, update.offset);
}

Finding new_object_finding(const PdfObjectDef& o) {
  switch (role_of(o)) {
    case Role::Uninspectable:
      return Finding::at("updates.uninspectable", object_name(o) + " is an object or xref stream",
                         o.offset);
    case Role::Signature:
      return Finding::at("updates.signature_added",
                         object_name(o) + " is another signature dictionary", o.offset);
    case Role::FormField:
      return Finding::at("updates.form_value", object_name(o) + " is a new form field", o.offset);
    case Role::Annotation:
      return Finding::at("updates.annotation", object_name(o) + " is a new annotation", o.offset);
    case Role::Catalog:
      return Finding::at("updates.root_changed", object_name(o) + " is a second catalog", o.offset);
    default:
      break;
  }
  const PdfValue* type = o.value.get("Type");
  if (type && (type->is_name("Page") || type->is_name("Pages")))
    return Finding::at("updates.page_content", object_name(o) + " adds a page", o.offset);
  return {};
}

}  // namespace

UpdateReview review_updates(std::string_view pdf, const SignedRevision& signed_revision,
                            const StructureLimits& limits) {
  UpdateReview review;
  const size_t begin = signed_revision.signed_end;
  review.appended_bytes = pdf.size() - begin;
  size_t first = begin;
  while (first < pdf.size() && is_pdf_white(pdf[first])) ++first;
  if (first == pdf.size()) return review;

  auto appended = scan_pdf_section(pdf, begin, pdf.size(), ScanMode::Strict, limits);
  if (!appended) {
    review.finding = {"updates.unparseable",
                      "bytes after the signed revision: " + appended.error().message,
                      appended.error().offset};
    return review;
  }
  const PdfSection& upd = *appended;
  review.updates = upd.trailers.size();
  if (upd.trailers.empty() || upd.xref_tables == 0) {
    review.finding =
        Finding::at("updates.unparseable",
                    upd.xref_tables == 0 && !upd.objects.empty()
                        ? "bytes after the signed revision have objects but no xref table"
                        : "bytes after the signed revision are not a complete update (no trailer)",
                    begin);
    return review;
  }

  const PdfSection& base = signed_revision.section;
  const PdfValue& signed_trailer = base.trailers.front();
  const PdfValue* root = signed_trailer.get("Root");
  const uint32_t catalog_num = root && root->kind == PdfValue::Kind::Ref ? root->ref.num : 0;

  for (const auto& t : upd.trailers) {
    const PdfValue* r = t.get("Root");
    if (!r || r->kind != PdfValue::Kind::Ref || r->ref.num != catalog_num)
      return review.finding = Finding::at("updates.root_changed",
                                          "an update's trailer names another catalog", t.offset),
             review;
    if (t.get("Encrypt"))
      return review.finding =
                 Finding::at("updates.encrypted", "an update adds encryption", t.offset),
             review;
    const PdfValue* prev = t.get("Prev");
    auto p = prev ? prev->as_int() : std::nullopt;
    const bool prev_ok = p && (static_cast<uint64_t>(*p) == base.startxrefs.front() ||
                               std::find(upd.xref_offsets.begin(), upd.xref_offsets.end(),
                                         static_cast<uint64_t>(*p)) != upd.xref_offsets.end());
    if (!prev_ok)
      return review.finding = Finding::at("updates.xref_redirect",
                                          "an update's /Prev does not point at the previous "
                                          "cross-reference table",
                                          t.offset),
             review;
  }

  std::map<uint32_t, const PdfObjectDef*> defined_here;
  for (const auto& o : upd.objects) {
    if (const PdfObjectDef* original = base.find(o.id.num)) {
      Finding f = redefinition_finding(*original, o, catalog_num);
      if (!f.ok()) return review.finding = std::move(f), review;
    } else if (!defined_here.count(o.id.num)) {
      Finding f = new_object_finding(o);
      if (!f.ok()) return review.finding = std::move(f), review;
    } else {
      // Redefining an object added by an earlier update: judge what it becomes.
      Finding f = new_object_finding(o);
      if (!f.ok()) return review.finding = std::move(f), review;
    }
    defined_here[o.id.num] = &o;
  }

  for (const auto& e : upd.xref) {
    if (!e.in_use) {
      if (e.num != 0 && base.find(e.num))
        return review.finding = Finding::at("updates.object_deleted",
                                            "an update marks object " + std::to_string(e.num) +
                                                " of the signed revision free",
                                            begin),
               review;
      continue;
    }
    bool points_at_own_definition = false;
    for (const auto& o : upd.objects)
      if (o.id.num == e.num && o.offset == e.offset) points_at_own_definition = true;
    if (!points_at_own_definition)
      return review.finding =
                 Finding::at("updates.xref_redirect",
                             "an update's xref entry for object " + std::to_string(e.num) +
                                 " points outside its own objects",
                             e.offset),
             review;
  }
  review.dss_only = true;
  return review;
}

}  // namespace absah::verify
