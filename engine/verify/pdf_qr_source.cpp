#include "engine/verify/pdf_qr_source.h"

#include "engine/verify/bounded_inflate.h"
#include "engine/verify/qr_scan.h"

namespace absah::verify {

namespace {

std::string single_filter(const PdfValue& dict) {
  const PdfValue* f = dict.get("Filter");
  if (!f) return "";
  if (f->kind == PdfValue::Kind::Name) return f->text;
  if (f->kind == PdfValue::Kind::Array && f->array->size() == 1 &&
      (*f->array)[0].kind == PdfValue::Kind::Name)
    return (*f->array)[0].text;
  return "?";  // a filter chain: not an encoding scans use
}

int components_of(const PdfValue& dict) {
  const PdfValue* cs = dict.get("ColorSpace");
  if (!cs || cs->kind != PdfValue::Kind::Name) return 0;
  if (cs->text == "DeviceGray") return 1;
  if (cs->text == "DeviceRGB") return 3;
  return 0;
}

GreyImage grey_from_samples(std::string_view samples, int width, int height, int components) {
  GreyImage g;
  g.width = width;
  g.height = height;
  const size_t pixels = static_cast<size_t>(width) * height;
  g.pixels.resize(pixels);
  const auto* s = reinterpret_cast<const uint8_t*>(samples.data());
  for (size_t i = 0; i < pixels; ++i) {
    if (components == 1) {
      g.pixels[i] = s[i];
    } else {
      // ITU-R BT.601 luma, in integers.
      g.pixels[i] =
          static_cast<uint8_t>((299 * s[3 * i] + 587 * s[3 * i + 1] + 114 * s[3 * i + 2]) / 1000);
    }
  }
  return g;
}

Result<GreyImage> decode_image(std::string_view pdf, const PdfObjectDef& o,
                               const PdfImageLimits& limits, uint64_t& inflated_total) {
  const PdfValue& d = o.value;
  const std::string filter = single_filter(d);
  std::string_view data = o.stream_data(pdf);
  if (filter == "DCTDecode") return load_grey_image(data, limits.image);
  auto w = d.get("Width") ? d.get("Width")->as_int() : std::nullopt;
  auto h = d.get("Height") ? d.get("Height")->as_int() : std::nullopt;
  auto bpc = d.get("BitsPerComponent") ? d.get("BitsPerComponent")->as_int() : std::nullopt;
  const int comps = components_of(d);
  if (!w || !h || !bpc || *bpc != 8 || comps == 0 || d.get("DecodeParms") || *w <= 0 || *h <= 0 ||
      *w > limits.image.max_side || *h > limits.image.max_side || *w * *h > limits.image.max_pixels)
    return Error(ErrorCode::ImageInvalid, "", "image encoding not read or over the limits");
  const uint64_t expected = static_cast<uint64_t>(*w) * *h * comps;
  if (filter == "FlateDecode") {
    const uint64_t budget = std::min(limits.max_inflated_stream_bytes,
                                     limits.max_inflated_total_bytes - inflated_total);
    if (expected > budget)
      return Error(ErrorCode::ImageInvalid, "", "image larger than the decompression budget");
    auto raw = inflate_bounded(data, expected);
    if (!raw) return raw.take_error();
    inflated_total += raw->size();
    if (raw->size() < expected) return Error(ErrorCode::ImageInvalid, "", "image data short");
    return grey_from_samples(*raw, static_cast<int>(*w), static_cast<int>(*h), comps);
  }
  if (filter.empty() && data.size() >= expected)
    return grey_from_samples(data, static_cast<int>(*w), static_cast<int>(*h), comps);
  return Error(ErrorCode::ImageInvalid, "", "image encoding not read");
}

}  // namespace

std::vector<PdfQrText> link_uris(const PdfSection& section) {
  std::vector<PdfQrText> out;
  for (const auto& o : section.objects) {
    const PdfValue* a = o.value.get("A");
    if (!a || a->kind != PdfValue::Kind::Dict) continue;
    const PdfValue* s = a->get("S");
    const PdfValue* uri = a->get("URI");
    if (s && s->is_name("URI") && uri && uri->kind == PdfValue::Kind::String)
      out.push_back({uri->text, "link in object " + std::to_string(o.id.num)});
  }
  return out;
}

std::vector<PdfQrText> qr_texts_from_images(std::string_view pdf, const PdfSection& section,
                                            const PdfImageLimits& limits) {
  std::vector<PdfQrText> out;
  uint32_t tried = 0;
  uint64_t inflated_total = 0;
  for (const auto& o : section.objects) {
    const PdfValue* subtype = o.value.get("Subtype");
    if (!o.has_stream || !subtype || !subtype->is_name("Image")) continue;
    if (++tried > limits.max_images) break;
    auto grey = decode_image(pdf, o, limits, inflated_total);
    if (!grey) continue;
    auto found = scan_qr(*grey);
    if (!found) continue;
    for (auto& qr : *found)
      out.push_back({std::move(qr.text), "image in object " + std::to_string(o.id.num)});
  }
  return out;
}

Result<std::vector<PdfQrText>> qr_texts_from_pdf(std::string_view pdf,
                                                 const PdfImageLimits& limits) {
  if (pdf.substr(0, 5) != "%PDF-") return Error(ErrorCode::PdfInvalid, "", "not a PDF");
  auto section = scan_pdf_section(pdf, 0, pdf.size(), ScanMode::Lenient);
  if (!section) return section.take_error();
  auto links = link_uris(*section);
  if (!links.empty()) return links;
  return qr_texts_from_images(pdf, *section, limits);
}

}  // namespace absah::verify
