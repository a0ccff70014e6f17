#pragma once
// Threads that render, each with its own signer (a signer serves one render at a time). A batch
// issuing through the registry numbers a group in one transaction and hands the group's renders
// here, so they run on every core while the group holds its counters.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "engine/base/result.h"
#include "engine/cli/signing_setup.h"
#include "engine/render/renderer.h"

namespace absah::cli {

class RenderPool {
 public:
  // One thread per setup; a nullopt setup renders unsigned.
  RenderPool(const render::Renderer& renderer, std::vector<std::optional<SigningSetup>> setups);
  ~RenderPool();
  RenderPool(const RenderPool&) = delete;
  RenderPool& operator=(const RenderPool&) = delete;

  // Renders every request (each with the signer of the thread that takes it) and returns the
  // results in the same order. Several callers may wait here at once; their renders interleave.
  std::vector<Result<render::RenderedDocument>> render_all(
      std::vector<render::RenderRequest> requests);

  size_t threads() const { return m_threads.size(); }
  // A setup to describe requests with before they come here (the seal key's id that the
  // registry records); rendering attaches each thread's own.
  const std::optional<SigningSetup>& describing_setup() const;

 private:
  struct Job;
  struct Task {
    Job* job = nullptr;
    size_t index = 0;
  };
  void run(const std::optional<SigningSetup>& setup);

  const render::Renderer& m_renderer;
  std::vector<std::optional<SigningSetup>> m_setups;
  std::mutex m_mutex;
  std::condition_variable m_work;
  std::deque<Task> m_tasks;
  bool m_stopping = false;
  std::vector<std::thread> m_threads;
};

}  // namespace absah::cli
