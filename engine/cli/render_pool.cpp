#include "engine/cli/render_pool.h"

#include <exception>
#include <string>

namespace absah::cli {

struct RenderPool::Job {
  std::vector<render::RenderRequest> requests;
  std::vector<Result<render::RenderedDocument>> results;
  size_t remaining = 0;
  std::condition_variable done;
};

RenderPool::RenderPool(const render::Renderer& renderer,
                       std::vector<std::optional<SigningSetup>> setups)
    : m_renderer(renderer), m_setups(std::move(setups)) {
  m_threads.reserve(m_setups.size());
  for (const std::optional<SigningSetup>& setup : m_setups)
    m_threads.emplace_back([this, &setup] { run(setup); });
}

RenderPool::~RenderPool() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_work.notify_all();
  for (std::thread& t : m_threads) t.join();
}

const std::optional<SigningSetup>& RenderPool::describing_setup() const {
  static const std::optional<SigningSetup> kNone;
  return m_setups.empty() ? kNone : m_setups.front();
}

std::vector<Result<render::RenderedDocument>> RenderPool::render_all(
    std::vector<render::RenderRequest> requests) {
  Job job;
  job.requests = std::move(requests);
  job.results.assign(job.requests.size(),
                     Error(ErrorCode::Internal, "", "not rendered: the render pool stopped"));
  if (job.requests.empty()) return std::move(job.results);
  std::unique_lock lock(m_mutex);
  if (m_threads.empty() || m_stopping) return std::move(job.results);
  job.remaining = job.requests.size();
  for (size_t i = 0; i < job.requests.size(); ++i) m_tasks.push_back({&job, i});
  m_work.notify_all();
  job.done.wait(lock, [&] { return job.remaining == 0; });
  return std::move(job.results);
}

void RenderPool::run(const std::optional<SigningSetup>& setup) {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_work.wait(lock, [&] { return m_stopping || !m_tasks.empty(); });
    // Tasks already queued are finished even when stopping: their callers are waiting.
    if (m_tasks.empty()) return;
    Task task = m_tasks.front();
    m_tasks.pop_front();
    lock.unlock();
    render::RenderRequest& request = task.job->requests[task.index];
    // The request may point at its submitter's signer; only this thread's may be used here.
    request.signer = nullptr;
    request.seal_key = nullptr;
    attach_signing(request, setup);
    Result<render::RenderedDocument> result = Error(ErrorCode::Internal, "", "not rendered");
    try {
      result = m_renderer.render(request);
    } catch (const std::exception& e) {
      result = Error(ErrorCode::Internal, "", std::string("unexpected failure: ") + e.what());
    }
    lock.lock();
    task.job->results[task.index] = std::move(result);
    if (--task.job->remaining == 0) task.job->done.notify_all();
  }
}

}  // namespace absah::cli
