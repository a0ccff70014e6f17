#pragma once
// A thread-safe memo of pure results (same key, same bytes) with a fixed number of entries.
// When full it starts over rather than tracking recency: the entries worth keeping — static
// label text, the subsets of label-only fonts — come back within a document or two, and the
// bound keeps a long batch's memory flat.

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace absah {

template <typename Value>
class BoundedCache {
 public:
  explicit BoundedCache(size_t capacity) : m_capacity(capacity) {}

  std::shared_ptr<const Value> find(const std::string& key) const {
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(key);
    return it == m_entries.end() ? nullptr : it->second;
  }

  void insert(const std::string& key, std::shared_ptr<const Value> value) {
    std::lock_guard lock(m_mutex);
    if (m_entries.size() >= m_capacity) m_entries.clear();
    m_entries.emplace(key, std::move(value));
  }

  size_t size() const {
    std::lock_guard lock(m_mutex);
    return m_entries.size();
  }

 private:
  const size_t m_capacity;
  mutable std::mutex m_mutex;
  std::unordered_map<std::string, std::shared_ptr<const Value>> m_entries;
};

}  // namespace absah
