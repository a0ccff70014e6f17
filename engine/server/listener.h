#pragma once
// The listening socket of `absah serve` and its accept loop. absah accepts connections itself,
// rather than through httplib's listen(), so that each connection is read through a
// SocketStream with bounds on the request head and the request time (socket_stream.h); httplib
// still parses requests and routes them.

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "engine/base/result.h"

namespace absah::server {

class Listener {
 public:
  // Binds host:port (port 0: any free port) and listens.
  static Result<std::unique_ptr<Listener>> open(const std::string& host, int port);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  int port() const { return m_port; }

  // Accepts until stop(), handing each connected socket to `on_connection`, which owns it.
  void run(const std::function<void(int fd)>& on_connection);
  // Stops accepting; callable from any thread or a signal-handling thread.
  void stop();

 private:
  Listener(int fd, int port) : m_fd(fd), m_port(port) {}

  int m_fd;
  int m_port;
  std::atomic<bool> m_stopping{false};
};

}  // namespace absah::server
