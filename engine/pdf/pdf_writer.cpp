#include "engine/pdf/pdf_writer.h"

#include <podofo/podofo.h>

#include "engine/pdf/content_stream.h"
#include "engine/pdf/flate_stream.h"
#include "engine/pdf/font_embedder.h"
#include "engine/pdf/pdf_date.h"
#include "engine/pdf/string_output_device.h"

namespace absah::pdf {

using namespace PoDoFo;

namespace {

PdfString utf8_string(const std::string& s) {
  return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str()));
}

PdfArray pdf_rect(const Rect& r, double page_height) {
  PdfArray a;
  a.push_back(PdfObject(r.x));
  a.push_back(PdfObject(page_height - r.y - r.height));
  a.push_back(PdfObject(r.x + r.width));
  a.push_back(PdfObject(page_height - r.y));
  return a;
}

PdfObject* write_image(PdfVecObjects& objects, const layout::ImageData& img) {
  PdfObject* obj = objects.CreateObject("XObject");
  PdfDictionary& d = obj->GetDictionary();
  d.AddKey("Subtype", PdfName("Image"));
  d.AddKey("Width", PdfObject(static_cast<pdf_int64>(img.width)));
  d.AddKey("Height", PdfObject(static_cast<pdf_int64>(img.height)));
  d.AddKey("BitsPerComponent", PdfObject(static_cast<pdf_int64>(8)));
  bool grey = img.format == layout::ImageData::Format::Gray8 || img.components == 1;
  d.AddKey("ColorSpace", PdfName(grey ? "DeviceGray" : "DeviceRGB"));
  if (img.format == layout::ImageData::Format::Jpeg) {
    // JPEG passes through untouched (§7.4.8 DCTDecode); recompressing would lose quality.
    d.AddKey("Filter", PdfName("DCTDecode"));
    PdfMemoryInputStream in(img.bytes.data(), static_cast<pdf_long>(img.bytes.size()));
    obj->GetStream()->SetRawData(&in, static_cast<pdf_long>(img.bytes.size()));
  } else {
    obj->GetStream()->Set(img.bytes.data(), static_cast<pdf_long>(img.bytes.size()));
  }
  if (!img.alpha.empty()) {
    PdfObject* mask = objects.CreateObject("XObject");
    PdfDictionary& m = mask->GetDictionary();
    m.AddKey("Subtype", PdfName("Image"));
    m.AddKey("Width", PdfObject(static_cast<pdf_int64>(img.width)));
    m.AddKey("Height", PdfObject(static_cast<pdf_int64>(img.height)));
    m.AddKey("BitsPerComponent", PdfObject(static_cast<pdf_int64>(8)));
    m.AddKey("ColorSpace", PdfName("DeviceGray"));
    mask->GetStream()->Set(img.alpha.data(), static_cast<pdf_long>(img.alpha.size()));
    d.AddKey("SMask", mask->Reference());
  }
  return obj;
}

void add_signature_field(PdfMemDocument& doc, PdfPage* page, double page_height,
                         const SignaturePlaceholder& sig, PdfArray& fields) {
  PdfVecObjects& objects = doc.GetObjects();
  PdfObject* value = objects.CreateObject("Sig");
  PdfDictionary& v = value->GetDictionary();
  v.AddKey("Filter", PdfName("Adobe.PPKLite"));
  v.AddKey("SubFilter", PdfName("ETSI.CAdES.detached"));
  // Written verbatim: the signing stage finds these exact bytes and patches them in place.
  v.AddKey("ByteRange", PdfObject(PdfVariant(PdfData(std::string(kByteRangePlaceholder).c_str()))));
  std::string contents(sig.reserved_bytes * 2 + 2, '0');
  contents.front() = '<';
  contents.back() = '>';
  v.AddKey("Contents", PdfObject(PdfVariant(PdfData(contents.data(), contents.size()))));
  v.AddKey("M", PdfString(pdf_date_utc(sig.signing_time_unix)));
  if (!sig.signer_name.empty()) v.AddKey("Name", utf8_string(sig.signer_name));
  if (!sig.reason.empty()) v.AddKey("Reason", utf8_string(sig.reason));
  if (!sig.location.empty()) v.AddKey("Location", utf8_string(sig.location));

  PdfObject* widget = objects.CreateObject("Annot");
  PdfDictionary& w = widget->GetDictionary();
  w.AddKey("Subtype", PdfName("Widget"));
  w.AddKey("FT", PdfName("Sig"));
  w.AddKey("T", utf8_string(sig.field_name));
  w.AddKey("V", value->Reference());
  w.AddKey("Rect", pdf_rect(sig.rect, page_height));
  w.AddKey("F", PdfObject(static_cast<pdf_int64>(132)));  // Print | Locked (§12.5.3)
  w.AddKey("P", page->GetObject()->Reference());
  // An empty appearance: the visible signature block is ordinary page content.
  PdfObject* appearance = objects.CreateObject("XObject");
  PdfDictionary& ap = appearance->GetDictionary();
  ap.AddKey("Subtype", PdfName("Form"));
  PdfArray bbox;
  for (double n : {0.0, 0.0, sig.rect.width, sig.rect.height}) bbox.push_back(PdfObject(n));
  ap.AddKey("BBox", bbox);
  // Unfiltered: PoDoFo's Set() would run zlib over the empty string.
  PdfMemoryInputStream nothing("", 0);
  appearance->GetStream()->SetRawData(&nothing, 0);
  PdfDictionary apd;
  apd.AddKey("N", appearance->Reference());
  w.AddKey("AP", apd);

  PdfObject* page_obj = page->GetObject();
  if (!page_obj->GetDictionary().HasKey("Annots"))
    page_obj->GetDictionary().AddKey("Annots", PdfArray());
  page_obj->GetDictionary().GetKey("Annots")->GetArray().push_back(widget->Reference());
  fields.push_back(widget->Reference());
}

}  // namespace

Result<std::string> write_pdf(const layout::DocumentFrames& frames, const text::FontBook& fonts,
                              const PdfWriteOptions& options) {
  try {
    PdfMemDocument doc;
    doc.SetPdfVersion(ePdfVersion_1_7);
    PdfVecObjects& objects = doc.GetObjects();

    FontEmbedder embedder(fonts);
    embedder.collect(frames);
    auto font_refs = embedder.embed(objects);
    if (!font_refs) return font_refs.take_error();

    PdfArray sig_fields;
    for (size_t page_index = 0; page_index < frames.pages.size(); ++page_index) {
      const layout::PageFrame& frame = frames.pages[page_index];
      PdfPage* page = doc.CreatePage(PdfRect(0, 0, frame.size.width, frame.size.height));
      PdfDictionary& resources = page->GetResources()->GetDictionary();

      PdfDictionary font_dict;
      for (size_t i = 0; i < embedder.fonts().size(); ++i)
        font_dict.AddKey(PdfName(embedder.fonts()[i].resource_name), (*font_refs)[i]);
      resources.AddKey("Font", font_dict);

      PdfDictionary xobjects;
      size_t image_count = 0;
      PdfArray annots;
      for (const auto& item : frame.items) {
        if (const auto* img = std::get_if<layout::Image>(&item)) {
          PdfObject* obj = write_image(objects, *img->data);
          xobjects.AddKey(PdfName("Im" + std::to_string(++image_count)), obj->Reference());
        } else if (const auto* link = std::get_if<layout::Link>(&item)) {
          PdfObject* annot = objects.CreateObject("Annot");
          PdfDictionary& a = annot->GetDictionary();
          a.AddKey("Subtype", PdfName("Link"));
          a.AddKey("Rect", pdf_rect(link->rect, frame.size.height));
          PdfArray border;
          for (int i = 0; i < 3; ++i) border.push_back(PdfObject(static_cast<pdf_int64>(0)));
          a.AddKey("Border", border);
          a.AddKey("F", PdfObject(static_cast<pdf_int64>(4)));  // Print
          PdfDictionary action;
          action.AddKey("S", PdfName("URI"));
          action.AddKey("URI", PdfString(link->uri));
          a.AddKey("A", action);
          annots.push_back(annot->Reference());
        }
      }
      if (image_count) resources.AddKey("XObject", xobjects);
      if (!annots.empty()) page->GetObject()->GetDictionary().AddKey("Annots", annots);

      ContentResources res;
      res.font_name = [&](text::FontId id) {
        const UsedFont* f = embedder.find(id);
        return f ? f->resource_name : std::string("F0");
      };
      res.glyph_widths = [&](text::FontId id) -> const std::vector<double>& {
        return embedder.glyph_widths(id);
      };
      res.image_name = [](size_t index) { return "Im" + std::to_string(index + 1); };
      std::string content = build_content_stream(frame, res);
      set_flate_stream(*page->GetContents(), content);

      if (options.signature && options.signature->page_index == page_index)
        add_signature_field(doc, page, frame.size.height, *options.signature, sig_fields);
    }
    if (options.signature && sig_fields.empty())
      return Error(ErrorCode::PdfWrite, "signature.page", "signature page index out of range");

    PdfObject* catalog = doc.GetCatalog();
    catalog->GetDictionary().AddKey("Lang", PdfString(frames.language));
    PdfDictionary viewer;
    viewer.AddKey("DisplayDocTitle", PdfVariant(true));
    catalog->GetDictionary().AddKey("ViewerPreferences", viewer);
    if (!sig_fields.empty()) {
      // Built by hand: PoDoFo's GetAcroForm() would add a non-embedded Helvetica as /DR.
      PdfObject* form = objects.CreateObject();
      form->GetDictionary().AddKey("Fields", sig_fields);
      form->GetDictionary().AddKey("SigFlags", PdfObject(static_cast<pdf_int64>(3)));
      catalog->GetDictionary().AddKey("AcroForm", form->Reference());
    }

    PdfInfo* info = doc.GetInfo();
    if (!frames.title.empty()) info->SetTitle(utf8_string(frames.title));
    if (!frames.subject.empty()) info->SetSubject(utf8_string(frames.subject));
    info->SetCreator(PdfString("absah"));
    info->SetProducer(PdfString("absah (PoDoFo 0.9.8, HarfBuzz)"));
    PdfDictionary& info_dict = info->GetObject()->GetDictionary();
    info_dict.AddKey("CreationDate", PdfString(pdf_date_utc(options.creation_time_unix)));
    info_dict.AddKey("ModDate", PdfString(pdf_date_utc(options.creation_time_unix)));

    std::string bytes;
    bytes.reserve(64 * 1024);
    StringOutputDevice device(bytes);
    doc.Write(&device);
    return bytes;
  } catch (const PdfError& e) {
    return Error(ErrorCode::PdfWrite, "",
                 std::string("PDF writer failed: ") + PdfError::ErrorName(e.GetError()));
  }
}

}  // namespace absah::pdf
