#include "engine/pdf/pdf_writer.h"

#include <openssl/evp.h>

#include <memory>

#include "engine/base/sha256.h"
#include "engine/pdf/content_stream.h"
#include "engine/pdf/flate_stream.h"
#include "engine/pdf/font_embedder.h"
#include "engine/pdf/object_writer.h"
#include "engine/pdf/pdf_date.h"

namespace absah::pdf {

namespace {

// Layout rectangle (y down from the top) → PDF rectangle [llx lly urx ury].
void append_rect(std::string& out, const Rect& r, double page_height) {
  out += '[';
  append_real(out, r.x);
  out += ' ';
  append_real(out, page_height - r.y - r.height);
  out += ' ';
  append_real(out, r.x + r.width);
  out += ' ';
  append_real(out, page_height - r.y);
  out += ']';
}

// An image XObject (§8.9.5), with its alpha channel as a soft mask. JPEG passes through
// untouched (DCTDecode): recompressing would lose quality; samples are deflated.
ObjectRef write_image(ObjectWriter& writer, const layout::ImageData& img) {
  const ObjectRef image = writer.reserve();
  const bool grey = img.format == layout::ImageData::Format::Gray8 || img.components == 1;
  auto entries = [&](bool mask) {
    std::string e = "/Type/XObject/Subtype/Image/Width ";
    append_integer(e, img.width);
    e += "/Height ";
    append_integer(e, img.height);
    e += "/BitsPerComponent 8/ColorSpace";
    e += mask || grey ? "/DeviceGray" : "/DeviceRGB";
    return e;
  };
  std::string dict = entries(false);
  if (!img.alpha.empty()) {
    const ObjectRef mask = writer.reserve();
    writer.write_stream(mask, entries(true) + "/Filter/FlateDecode", deflate_bytes(img.alpha));
    dict += "/SMask ";
    append_ref(dict, mask);
  }
  if (img.format == layout::ImageData::Format::Jpeg) {
    writer.write_stream(image, dict + "/Filter/DCTDecode", img.bytes);
  } else {
    writer.write_stream(image, dict + "/Filter/FlateDecode", deflate_bytes(img.bytes));
  }
  return image;
}

ObjectRef write_link(ObjectWriter& writer, const layout::Link& link, double page_height) {
  const ObjectRef ref = writer.reserve();
  std::string& a = writer.begin_object(ref);
  a += "<</Type/Annot/Subtype/Link/Rect";
  append_rect(a, link.rect, page_height);
  // No border; F 4 = Print (§12.5.3).
  a += "/Border[0 0 0]/F 4/A<</S/URI/URI";
  append_literal_string(a, link.uri);
  a += ">>>>";
  writer.end_object();
  return ref;
}

// The signature field's widget, its /V signature dictionary with the placeholders, and an
// empty appearance: the visible signature block is ordinary page content.
ObjectRef write_signature_field(ObjectWriter& writer, ObjectRef page, double page_height,
                                const SignaturePlaceholder& sig) {
  const ObjectRef value = writer.reserve();
  const ObjectRef widget = writer.reserve();
  const ObjectRef appearance = writer.reserve();

  std::string& v = writer.begin_object(value);
  v += "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange";
  // Written verbatim: the signing stage finds these exact bytes and patches them in place.
  v += kByteRangePlaceholder;
  v += "/Contents<";
  v.append(sig.reserved_bytes * 2, '0');
  v += ">/M";
  append_literal_string(v, pdf_date_utc(sig.signing_time_unix));
  append_text_entry(v, "Name", sig.signer_name);
  append_text_entry(v, "Reason", sig.reason);
  append_text_entry(v, "Location", sig.location);
  v += ">>";
  writer.end_object();

  std::string& w = writer.begin_object(widget);
  w += "<</Type/Annot/Subtype/Widget/FT/Sig/T";
  append_text_string(w, sig.field_name);
  w += "/V ";
  append_ref(w, value);
  w += "/Rect";
  append_rect(w, sig.rect, page_height);
  w += "/F 132/P ";  // Print | Locked (§12.5.3)
  append_ref(w, page);
  w += "/AP<</N ";
  append_ref(w, appearance);
  w += ">>>>";
  writer.end_object();

  std::string bbox = "/Type/XObject/Subtype/Form/BBox[0 0 ";
  append_real(bbox, sig.rect.width);
  bbox += ' ';
  append_real(bbox, sig.rect.height);
  bbox += ']';
  writer.write_stream(appearance, bbox, "");
  return widget;
}

void append_ref_array(std::string& out, const std::vector<ObjectRef>& refs) {
  out += '[';
  for (size_t i = 0; i < refs.size(); ++i) {
    if (i) out += ' ';
    append_ref(out, refs[i]);
  }
  out += ']';
}

// The file identifier (§14.4): the first 16 bytes of SHA-256 over what makes the document what
// it is, its Info dictionary (title, number, dates) and its page contents; the same inputs
// give the same identifier.
class FileIdentifier {
 public:
  FileIdentifier() : m_ctx(EVP_MD_CTX_new()) {
    if (!m_ctx || EVP_DigestInit_ex2(m_ctx.get(), sha256_md(), nullptr) != 1)
      throw std::runtime_error("SHA-256 unavailable");
  }
  void add(std::string_view bytes) { EVP_DigestUpdate(m_ctx.get(), bytes.data(), bytes.size()); }
  std::string finish() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_ctx.get(), digest, &length);
    return std::string(reinterpret_cast<const char*>(digest), 16);
  }

 private:
  struct Free {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
  };
  std::unique_ptr<EVP_MD_CTX, Free> m_ctx;
};

}  // namespace

Result<std::string> write_pdf(const layout::DocumentFrames& frames, const text::FontBook& fonts,
                              const PdfWriteOptions& options) {
  if (options.signature && options.signature->page_index >= frames.pages.size())
    return Error(ErrorCode::PdfWrite, "signature.page", "signature page index out of range");
  try {
    std::string bytes;
    bytes.reserve(32 * 1024 + (options.signature ? options.signature->reserved_bytes * 2 : 0));
    ObjectWriter writer(bytes);
    const ObjectRef catalog = writer.reserve();
    const ObjectRef info = writer.reserve();
    const ObjectRef pages = writer.reserve();
    FileIdentifier id;

    FontEmbedder embedder(fonts);
    embedder.collect(frames);
    auto font_refs = embedder.embed(writer);
    if (!font_refs) return font_refs.take_error();

    ContentResources res;
    res.font_name = [&](text::FontId font) {
      const UsedFont* f = embedder.find(font);
      return f ? f->resource_name : std::string("F0");
    };
    res.glyph_widths = [&](text::FontId font) -> const std::vector<double>& {
      return embedder.glyph_widths(font);
    };
    res.image_name = [](size_t index) { return "Im" + std::to_string(index + 1); };

    std::vector<ObjectRef> page_refs;
    std::optional<ObjectRef> signature_field;
    for (size_t page_index = 0; page_index < frames.pages.size(); ++page_index) {
      const layout::PageFrame& frame = frames.pages[page_index];
      const double height = frame.size.height;
      const ObjectRef page = writer.reserve();
      page_refs.push_back(page);

      std::vector<ObjectRef> images;
      std::vector<ObjectRef> annots;
      for (const auto& item : frame.items) {
        if (const auto* img = std::get_if<layout::Image>(&item))
          images.push_back(write_image(writer, *img->data));
        else if (const auto* link = std::get_if<layout::Link>(&item))
          annots.push_back(write_link(writer, *link, height));
      }
      const std::string compressed = deflate_bytes(build_content_stream(frame, res));
      id.add(compressed);
      const ObjectRef contents = writer.reserve();
      writer.write_stream(contents, "/Filter/FlateDecode", compressed);
      if (options.signature && options.signature->page_index == page_index) {
        signature_field = write_signature_field(writer, page, height, *options.signature);
        annots.push_back(*signature_field);
      }

      std::string& p = writer.begin_object(page);
      p += "<</Type/Page/Parent ";
      append_ref(p, pages);
      p += "/MediaBox[0 0 ";
      append_real(p, frame.size.width);
      p += ' ';
      append_real(p, height);
      p += "]/Resources<<";
      if (!font_refs->empty()) {
        p += "/Font<<";
        for (size_t i = 0; i < font_refs->size(); ++i) {
          append_name(p, embedder.fonts()[i].resource_name);
          p += ' ';
          append_ref(p, (*font_refs)[i]);
        }
        p += ">>";
      }
      if (!images.empty()) {
        p += "/XObject<<";
        for (size_t i = 0; i < images.size(); ++i) {
          append_name(p, res.image_name(i));
          p += ' ';
          append_ref(p, images[i]);
        }
        p += ">>";
      }
      p += ">>/Contents ";
      append_ref(p, contents);
      if (!annots.empty()) {
        p += "/Annots";
        append_ref_array(p, annots);
      }
      p += ">>";
      writer.end_object();
    }

    std::string& pages_dict = writer.begin_object(pages);
    pages_dict += "<</Type/Pages/Kids";
    append_ref_array(pages_dict, page_refs);
    pages_dict += "/Count ";
    append_integer(pages_dict, static_cast<int64_t>(page_refs.size()));
    pages_dict += ">>";
    writer.end_object();

    std::optional<ObjectRef> form;
    if (signature_field) {
      // No /DR or /DA: the only field is a signature with an empty appearance.
      form = writer.reserve();
      std::string& f = writer.begin_object(*form);
      f += "<</Fields[";
      append_ref(f, *signature_field);
      f += "]/SigFlags 3>>";  // SignaturesExist | AppendOnly (§12.7.2)
      writer.end_object();
    }

    std::string& c = writer.begin_object(catalog);
    c += "<</Type/Catalog/Pages ";
    append_ref(c, pages);
    c += "/Lang";
    append_text_string(c, frames.language);
    c += "/ViewerPreferences<</DisplayDocTitle true>>";
    if (form) {
      c += "/AcroForm ";
      append_ref(c, *form);
    }
    c += ">>";
    writer.end_object();

    const size_t info_start = bytes.size();
    std::string& i = writer.begin_object(info);
    i += "<<";
    append_text_entry(i, "Title", frames.title);
    append_text_entry(i, "Subject", frames.subject);
    const std::string date = pdf_date_utc(options.creation_time_unix);
    i += "/Creator(absah)/Producer(absah)/CreationDate";
    append_literal_string(i, date);
    i += "/ModDate";
    append_literal_string(i, date);
    i += ">>";
    writer.end_object();
    id.add(std::string_view(bytes).substr(info_start));

    ABSAH_TRY_STATUS(writer.finish(catalog, info, id.finish()));
    return bytes;
  } catch (const std::exception& e) {
    return Error(ErrorCode::PdfWrite, "", std::string("PDF writer failed: ") + e.what());
  }
}

}  // namespace absah::pdf
