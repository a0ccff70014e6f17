#include "engine/text/font_book.h"

#include <atomic>

#include <nlohmann/json.hpp>

#include "engine/base/file_io.h"

namespace absah::text {

namespace {

struct StyleKey {
  const char* key;
  Weight weight;
  Slant slant;
};
constexpr StyleKey kStyles[] = {
    {"regular", Weight::Regular, Slant::Upright},
    {"bold", Weight::Bold, Slant::Upright},
    {"italic", Weight::Regular, Slant::Italic},
    {"bold_italic", Weight::Bold, Slant::Italic},
};

}  // namespace

uint64_t FontBook::next_serial() {
  static std::atomic<uint64_t> counter{0};
  return ++counter;
}

Result<std::shared_ptr<FontBook>> FontBook::load_manifest(const std::filesystem::path& manifest) {
  auto text = read_file(manifest, 1 << 20);
  if (!text) return text.take_error();
  nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false, /*ignore_comments=*/true);
  if (doc.is_discarded() || !doc.is_object())
    return Error(ErrorCode::LayoutSyntax, manifest.string(), "font manifest is not valid JSON");
  if (!doc.contains("families") || !doc["families"].is_object())
    return Error(ErrorCode::LayoutInvalid, manifest.string() + ":families", "missing object");

  auto book = std::make_shared<FontBook>();
  const auto base_dir = manifest.parent_path();
  for (const auto& [family, faces] : doc["families"].items()) {
    if (!faces.is_object())
      return Error(ErrorCode::LayoutInvalid, "families." + family, "expected an object of faces");
    for (const StyleKey& style : kStyles) {
      if (!faces.contains(style.key)) continue;
      if (!faces[style.key].is_string())
        return Error(ErrorCode::LayoutInvalid, "families." + family + "." + style.key,
                     "expected a font file path");
      std::filesystem::path p = faces[style.key].get<std::string>();
      if (p.is_relative()) p = base_dir / p;
      auto entry = std::make_unique<Entry>();
      entry->family = family;
      entry->weight = style.weight;
      entry->slant = style.slant;
      entry->path = p.string();
      book->m_entries.push_back(std::move(entry));
    }
  }
  if (book->m_entries.size() > 0xFFFF)
    return Error(ErrorCode::LayoutInvalid, manifest.string(), "too many fonts");
  if (doc.contains("fallback")) {
    for (const auto& f : doc["fallback"]) {
      if (!f.is_string())
        return Error(ErrorCode::LayoutInvalid, "fallback", "expected family names");
      book->m_fallback_families.push_back(f.get<std::string>());
    }
  }
  // Precompute each face's fallback chain.
  for (size_t i = 0; i < book->m_entries.size(); ++i) {
    Entry& e = *book->m_entries[i];
    e.chain.push_back(static_cast<FontId>(i));
    for (const std::string& fam : book->m_fallback_families) {
      if (fam == e.family) continue;
      auto fb = book->find(fam, e.weight, e.slant);
      if (fb) e.chain.push_back(*fb);
    }
  }
  return book;
}

Result<FontId> FontBook::find(const std::string& family, Weight weight, Slant slant) const {
  std::optional<FontId> regular;
  for (size_t i = 0; i < m_entries.size(); ++i) {
    const Entry& e = *m_entries[i];
    if (e.family != family) continue;
    if (e.weight == weight && e.slant == slant) return static_cast<FontId>(i);
    if (e.weight == Weight::Regular && e.slant == Slant::Upright) regular = static_cast<FontId>(i);
  }
  if (regular) return *regular;
  std::string known;
  for (const auto& e : m_entries)
    if (known.find(e->family) == std::string::npos)
      known += (known.empty() ? "" : ", ") + e->family;
  return Error(ErrorCode::FontMissing, "font.family",
               "unknown font family '" + family + "' (known: " + known + ")");
}

Result<const FontFace*> FontBook::face(FontId id) const {
  if (id >= m_entries.size()) return Error(ErrorCode::Internal, "", "font id out of range");
  const Entry& e = *m_entries[id];
  std::call_once(e.once, [&e] {
    auto loaded = FontFace::load(e.path);
    if (loaded)
      e.face = *loaded;
    else
      e.load_error = loaded.error();
  });
  if (e.load_error) return *e.load_error;
  return static_cast<const FontFace*>(e.face.get());
}

const std::vector<FontId>& FontBook::chain(FontId primary) const {
  return m_entries.at(primary)->chain;
}

}  // namespace absah::text
