#pragma once
// A blocking FIFO with a fixed capacity: the batch reader waits when workers fall behind, so
// memory stays flat however many records the input holds.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace absah::cli {

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : m_capacity(capacity ? capacity : 1) {}

  // False when the queue was closed (nothing more is accepted).
  bool push(T item) {
    std::unique_lock lock(m_mutex);
    m_not_full.wait(lock, [&] { return m_closed || m_items.size() < m_capacity; });
    if (m_closed) return false;
    m_items.push_back(std::move(item));
    m_not_empty.notify_one();
    return true;
  }

  // nullopt once the queue is closed and drained.
  std::optional<T> pop() {
    std::unique_lock lock(m_mutex);
    m_not_empty.wait(lock, [&] { return m_closed || !m_items.empty(); });
    if (m_items.empty()) return std::nullopt;
    T item = std::move(m_items.front());
    m_items.pop_front();
    m_not_full.notify_one();
    return item;
  }

  // Like pop, but gives up at `deadline`: nullopt then too (a batch group stops filling).
  std::optional<T> pop_until(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(m_mutex);
    m_not_empty.wait_until(lock, deadline, [&] { return m_closed || !m_items.empty(); });
    if (m_items.empty()) return std::nullopt;
    T item = std::move(m_items.front());
    m_items.pop_front();
    m_not_full.notify_one();
    return item;
  }

  // Producers stop; consumers drain what is queued, then see the end.
  void close() {
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_not_empty.notify_all();
    m_not_full.notify_all();
  }

  // Stops everything: queued items are dropped (fail-fast).
  void abandon() {
    std::lock_guard lock(m_mutex);
    m_items.clear();
    m_closed = true;
    m_not_empty.notify_all();
    m_not_full.notify_all();
  }

 private:
  const size_t m_capacity;
  std::mutex m_mutex;
  std::condition_variable m_not_empty;
  std::condition_variable m_not_full;
  std::deque<T> m_items;
  bool m_closed = false;
};

}  // namespace absah::cli
