#include "engine/layout/constant_text.h"

#include "engine/base/bounded_cache.h"
#include "engine/layout/block.h"

namespace absah::layout {

namespace {

// A letter sets about a hundred constant strings; the bound covers all layouts of a process.
constexpr size_t kMaxEntries = 4096;

BoundedCache<SetText>& memo() {
  static BoundedCache<SetText> cache(kMaxEntries);
  return cache;
}

template <typename T>
void append_bytes(std::string& key, const T& value) {
  key.append(reinterpret_cast<const char*>(&value), sizeof value);
}

}  // namespace

Result<std::shared_ptr<const SetText>> set_constant_text(const text::FontBook& book,
                                                         const TextRequest& request) {
  std::string key;
  key.reserve(112 + request.style.family.size() + request.text.size());
  append_bytes(key, book.serial());
  append_bytes(key, request.width);
  append_bytes(key, request.max_height);
  append_bytes(key, request.wrap);
  append_style_key(key, request.style);
  key += request.text;
  if (auto hit = memo().find(key)) return hit;
  auto set = set_text(book, request);
  if (!set) return set.take_error();
  auto made = std::make_shared<const SetText>(std::move(*set));
  memo().insert(key, made);
  return made;
}

BoxText::BoxText(SetText&& own)
    : height(own.height),
      width(own.width),
      used_size(own.used_size),
      lines(own.lines),
      shrunk(own.shrunk),
      m_own(std::move(own.items)) {}

BoxText::BoxText(std::shared_ptr<const SetText> shared)
    : height(shared->height),
      width(shared->width),
      used_size(shared->used_size),
      lines(shared->lines),
      shrunk(shared->shrunk),
      m_shared(std::move(shared)) {}

void BoxText::place(std::vector<FrameItem>& out, double dx, double dy) {
  if (m_shared)
    append_translated(out, m_shared->items, dx, dy);
  else
    append_translated(out, std::move(m_own), dx, dy);
}

}  // namespace absah::layout
