#include "engine/server/bounded_task_queue.h"

namespace absah::server {

namespace {

thread_local bool t_shedding = false;

}  // namespace

BoundedTaskQueue::BoundedTaskQueue(size_t workers, size_t max_queued) : m_max_queued(max_queued) {
  if (workers == 0) workers = 1;
  m_threads.reserve(workers);
  for (size_t i = 0; i < workers; ++i) m_threads.emplace_back([this] { work(); });
}

BoundedTaskQueue::~BoundedTaskQueue() {
  shutdown();
}

bool BoundedTaskQueue::shedding() {
  return t_shedding;
}

void BoundedTaskQueue::enqueue(std::function<void()> fn) {
  {
    std::unique_lock lock(m_mutex);
    if (m_jobs.size() < m_max_queued) {
      m_jobs.push_back(std::move(fn));
      lock.unlock();
      m_wake.notify_one();
      return;
    }
  }
  t_shedding = true;
  fn();
  t_shedding = false;
}

void BoundedTaskQueue::shutdown() {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping && m_threads.empty()) return;
    m_stopping = true;
  }
  m_wake.notify_all();
  for (std::thread& t : m_threads)
    if (t.joinable()) t.join();
  m_threads.clear();
}

void BoundedTaskQueue::work() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
      if (m_jobs.empty()) return;  // stopping, and everything queued was served
      job = std::move(m_jobs.front());
      m_jobs.pop_front();
    }
    job();
  }
}

}  // namespace absah::server
