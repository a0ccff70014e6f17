#include "engine/layout/constant_text.h"

#include <functional>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "engine/layout/block.h"

namespace absah::layout {

namespace {

// A letter sets about a hundred constant strings; the bound covers all layouts of a process.
// When full the memo starts over, as BoundedCache does.
constexpr size_t kMaxEntries = 4096;

// Everything set_text's result depends on. Compared member by member rather than through a
// serialised string: building that string cost more than the look-up it served.
struct Key {
  uint64_t book = 0;
  double width = 0;
  double max_height = 0;
  Wrap wrap = Wrap::None;
  TextStyle style;
  std::string text;
};

// A request looked up as it is, without copying its text and style into a Key first.
struct Probe {
  uint64_t book = 0;
  const TextRequest* request = nullptr;
};

size_t hash_of(uint64_t book, double width, double max_height, Wrap wrap, double size,
               std::string_view text) {
  size_t h = std::hash<std::string_view>()(text);
  auto mix = [&h](size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  mix(std::hash<double>()(size));
  mix(std::hash<double>()(width));
  mix(std::hash<double>()(max_height));
  mix(static_cast<size_t>(wrap));
  mix(static_cast<size_t>(book));
  return h;
}

struct KeyHash {
  using is_transparent = void;
  size_t operator()(const Key& k) const {
    return hash_of(k.book, k.width, k.max_height, k.wrap, k.style.size, k.text);
  }
  size_t operator()(const Probe& p) const {
    const TextRequest& r = *p.request;
    return hash_of(p.book, r.width, r.max_height, r.wrap, r.style.size, r.text);
  }
};

struct KeyEqual {
  using is_transparent = void;
  bool operator()(const Key& a, const Key& b) const {
    return a.book == b.book && a.width == b.width && a.max_height == b.max_height &&
           a.wrap == b.wrap && a.style == b.style && a.text == b.text;
  }
  bool operator()(const Probe& p, const Key& k) const {
    const TextRequest& r = *p.request;
    return p.book == k.book && r.width == k.width && r.max_height == k.max_height &&
           r.wrap == k.wrap && r.style == k.style && r.text == k.text;
  }
  bool operator()(const Key& k, const Probe& p) const { return (*this)(p, k); }
};

class Memo {
 public:
  std::shared_ptr<const SetText> find(const Probe& probe) const {
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(probe);
    return it == m_entries.end() ? nullptr : it->second;
  }
  void insert(Key key, std::shared_ptr<const SetText> value) {
    std::lock_guard lock(m_mutex);
    if (m_entries.size() >= kMaxEntries) m_entries.clear();
    m_entries.emplace(std::move(key), std::move(value));
  }

 private:
  mutable std::mutex m_mutex;
  std::unordered_map<Key, std::shared_ptr<const SetText>, KeyHash, KeyEqual> m_entries;
};

Memo& memo() {
  static Memo m;
  return m;
}

}  // namespace

Result<std::shared_ptr<const SetText>> set_constant_text(const text::FontBook& book,
                                                         const TextRequest& request) {
  if (auto hit = memo().find(Probe{book.serial(), &request})) return hit;
  auto set = set_text(book, request);
  if (!set) return set.take_error();
  auto made = std::make_shared<const SetText>(std::move(*set));
  memo().insert(Key{book.serial(), request.width, request.max_height, request.wrap, request.style,
                    request.text},
                made);
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
