#pragma once
// A small pool of objects that are not thread-safe (registry connections, signers): a request
// leases one, uses it alone, and gives it back. Objects are made on demand up to no limit of
// their own; the service's bounded worker pool bounds how many exist at once.

#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "engine/base/result.h"

namespace absah::server {

template <class T>
class ResourcePool {
 public:
  using Factory = std::function<Result<std::unique_ptr<T>>()>;

  explicit ResourcePool(Factory factory) : m_factory(std::move(factory)) {}

  class Lease {
   public:
    Lease(ResourcePool* pool, std::unique_ptr<T> item) : m_pool(pool), m_item(std::move(item)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (m_item && m_pool) m_pool->give_back(std::move(m_item));
    }
    T& operator*() const { return *m_item; }
    T* operator->() const { return m_item.get(); }
    // The object may be broken (a lost database connection): do not hand it out again.
    void discard() { m_item.reset(); }

   private:
    ResourcePool* m_pool;
    std::unique_ptr<T> m_item;
  };

  Result<Lease> acquire() {
    {
      std::lock_guard lock(m_mutex);
      if (!m_idle.empty()) {
        std::unique_ptr<T> item = std::move(m_idle.back());
        m_idle.pop_back();
        return Lease(this, std::move(item));
      }
    }
    auto made = m_factory();
    if (!made) return made.take_error();
    return Lease(this, std::move(*made));
  }

  size_t idle_count() const {
    std::lock_guard lock(m_mutex);
    return m_idle.size();
  }

 private:
  void give_back(std::unique_ptr<T> item) {
    std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(item));
  }

  Factory m_factory;
  mutable std::mutex m_mutex;
  std::vector<std::unique_ptr<T>> m_idle;
};

}  // namespace absah::server
