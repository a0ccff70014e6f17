#include "engine/server/bounded_task_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>

namespace absah::server {
namespace {

TEST(BoundedTaskQueue, ShedsWhenFullAndDrainsOnShutdown) {
  BoundedTaskQueue queue(1, 1);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  std::atomic<int> done{0};
  queue.enqueue([&] {
    started.set_value();
    released.wait();
    ++done;
  });
  started.get_future().wait();     // the only worker is busy
  queue.enqueue([&] { ++done; });  // queued
  bool shed = false;
  queue.enqueue([&] { shed = BoundedTaskQueue::shedding(); });  // queue full: runs here
  EXPECT_TRUE(shed);
  EXPECT_FALSE(BoundedTaskQueue::shedding());
  release.set_value();
  queue.shutdown();
  EXPECT_EQ(done.load(), 2);  // the queued job ran before the worker stopped
}

}  // namespace
}  // namespace absah::server
