#pragma once
// The service's worker pool: a fixed number of threads and a bounded queue of accepted
// connections. When the queue is full the connection is not queued: it is served at once on
// the accepting thread in "shedding" mode, where the service answers 503 without reading the
// body, so an overload costs a few bytes per connection instead of unbounded memory. (The
// accepting thread is held for at most the read timeout while the request head arrives.)
//
// shutdown() lets the workers finish every queued connection before joining them, so requests
// accepted before a SIGTERM are answered.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <httplib.h>

namespace absah::server {

class BoundedTaskQueue : public httplib::TaskQueue {
 public:
  BoundedTaskQueue(size_t workers, size_t max_queued);
  ~BoundedTaskQueue() override;

  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

  // True while the current thread serves a connection that found the queue full.
  static bool shedding();

 private:
  void work();

  size_t m_max_queued;
  std::vector<std::thread> m_threads;
  std::deque<std::function<void()>> m_jobs;
  bool m_stopping = false;
  std::mutex m_mutex;
  std::condition_variable m_wake;
};

}  // namespace absah::server
