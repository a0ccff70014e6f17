#pragma once
// The fonts a process may use, from the manifest fonts/fonts.jsonc: families with up to four
// faces, and the fallback families tried for characters a family lacks. Faces load on first
// use and are then shared (read-only) by every document and thread.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/base/bounded_cache.h"
#include "engine/base/result.h"
#include "engine/text/font_face.h"

namespace absah::text {

enum class Weight : uint8_t { Regular = 0, Bold };
enum class Slant : uint8_t { Upright = 0, Italic };

// Index of a face in the book; stable for the book's lifetime.
using FontId = uint16_t;

struct ShapedText;

class FontBook {
 public:
  static Result<std::shared_ptr<FontBook>> load_manifest(const std::filesystem::path& manifest);

  // The face for a family and style, falling back to the family's regular face when the
  // style is missing. Unknown family → FontMissing naming the family and the known ones.
  Result<FontId> find(const std::string& family, Weight weight = Weight::Regular,
                      Slant slant = Slant::Upright) const;

  // Loads on first use. Errors (a missing file) are reported once and then cached.
  Result<const FontFace*> face(FontId id) const;

  // The primary face followed by the fallback families' faces of the same style.
  const std::vector<FontId>& chain(FontId primary) const;

  size_t size() const { return m_entries.size(); }

  // Distinct for every book a process makes, so results memoised per book (set label text)
  // are never mistaken for another book's when a book's address is reused.
  uint64_t serial() const { return m_serial; }

  // Shaping results of short strings (labels, names, dates) by primary face and text:
  // shaping is a pure function of the two, and the same strings recur in every document.
  BoundedCache<ShapedText>& shape_cache() const { return m_shape_cache; }

 private:
  struct Entry {
    std::string family;
    Weight weight = Weight::Regular;
    Slant slant = Slant::Upright;
    std::string path;
    mutable std::once_flag once;
    mutable std::shared_ptr<FontFace> face;
    mutable std::optional<Error> load_error;
    std::vector<FontId> chain;
  };
  std::vector<std::unique_ptr<Entry>> m_entries;
  std::vector<std::string> m_fallback_families;
  const uint64_t m_serial = next_serial();
  static uint64_t next_serial();
  static constexpr size_t kShapeCacheEntries = 2048;
  mutable BoundedCache<ShapedText> m_shape_cache{kShapeCacheEntries};
};

}  // namespace absah::text
