#include "engine/server/socket_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace absah::server {

namespace {

constexpr size_t kReceiveChunk = 16u << 10;
// How long, and how much, a refused client is read after its error response (see the
// destructor).
constexpr std::chrono::milliseconds kDrainTime{1000};
constexpr size_t kDrainBytes = 4u << 20;

void address_of(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {0};
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
    port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
    port = ntohs(a->sin6_port);
  } else {
    port = 0;
  }
  ip = text;
}

}  // namespace

SocketStream::SocketStream(int fd, StreamLimits limits) : m_fd(fd), m_limits(limits) {
  begin_request();
}

SocketStream::~SocketStream() {
  if (m_violation == StreamViolation::HeadTooLarge ||
      m_violation == StreamViolation::TooManyHeadLines)
    drain_before_close();
  ::shutdown(m_fd, SHUT_RDWR);
  ::close(m_fd);
}

// Closing a socket whose receive queue still holds the client's bytes sends a reset, which
// can destroy the error response before the client reads it. So the write side is shut first
// and what the client still sends is read and dropped, for a bounded time and amount.
void SocketStream::drain_before_close() {
  ::shutdown(m_fd, SHUT_WR);
  const auto until = Clock::now() + kDrainTime;
  size_t drained = 0;
  char sink[16u << 10];
  while (drained < kDrainBytes) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    pollfd p{m_fd, POLLIN, 0};
    if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) return;
    const ssize_t n = ::recv(m_fd, sink, sizeof sink, 0);
    if (n <= 0) return;
    drained += static_cast<size_t>(n);
  }
}

void SocketStream::begin_request() {
  m_deadline = Clock::now() + m_limits.request_time;
  m_in_head = true;
  m_head_bytes = 0;
  m_head_lines = 0;
  m_line_length = 0;
  m_violation = StreamViolation::None;
  // Bytes already buffered belong to the next request (pipelining): scan them as its head.
  if (m_buffer_pos < m_buffer.size())
    scan_head(m_buffer.data() + m_buffer_pos, m_buffer.size() - m_buffer_pos);
}

bool SocketStream::wait(short events, std::chrono::milliseconds timeout) const {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(m_deadline - Clock::now());
  const auto limit = std::max(std::chrono::milliseconds(0), std::min(timeout, left));
  pollfd p{m_fd, events, 0};
  for (;;) {
    int n = ::poll(&p, 1, static_cast<int>(limit.count()));
    if (n < 0 && errno == EINTR) continue;
    return n > 0;
  }
}

bool SocketStream::wait_for_request(std::chrono::milliseconds idle) {
  if (m_buffer_pos < m_buffer.size()) return true;
  pollfd p{m_fd, POLLIN, 0};
  int n;
  do {
    n = ::poll(&p, 1, static_cast<int>(idle.count()));
  } while (n < 0 && errno == EINTR);
  return n > 0;
}

bool SocketStream::is_readable() const {
  return m_buffer_pos < m_buffer.size() || wait(POLLIN, m_limits.read_timeout);
}

bool SocketStream::is_writable() const {
  return wait(POLLOUT, m_limits.write_timeout);
}

void SocketStream::scan_head(const char* data, size_t size) {
  for (size_t i = 0; i < size && m_in_head; ++i) {
    if (++m_head_bytes > m_limits.max_head_bytes) {
      m_violation = StreamViolation::HeadTooLarge;
      return;
    }
    if (data[i] != '\n') {
      if (data[i] != '\r') ++m_line_length;
      continue;
    }
    // An empty line ends the head; the bytes after it are the body.
    if (m_line_length == 0 && m_head_lines > 0) {
      m_in_head = false;
      return;
    }
    if (++m_head_lines > m_limits.max_head_lines) {
      m_violation = StreamViolation::TooManyHeadLines;
      return;
    }
    m_line_length = 0;
  }
}

bool SocketStream::fill() {
  if (m_violation != StreamViolation::None) return false;
  if (Clock::now() >= m_deadline || !wait(POLLIN, m_limits.read_timeout)) {
    m_violation = StreamViolation::Timeout;
    return false;
  }
  m_buffer.resize(kReceiveChunk);
  m_buffer_pos = 0;
  ssize_t n;
  do {
    n = ::recv(m_fd, m_buffer.data(), m_buffer.size(), 0);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) {
    m_buffer.clear();
    return false;
  }
  m_buffer.resize(static_cast<size_t>(n));
  if (m_in_head) scan_head(m_buffer.data(), m_buffer.size());
  return m_violation == StreamViolation::None;
}

ssize_t SocketStream::read(char* ptr, size_t size) {
  if (m_buffer_pos >= m_buffer.size() && !fill()) return -1;
  if (m_violation != StreamViolation::None) return -1;
  const size_t n = std::min(size, m_buffer.size() - m_buffer_pos);
  std::copy_n(m_buffer.data() + m_buffer_pos, n, ptr);
  m_buffer_pos += n;
  return static_cast<ssize_t>(n);
}

ssize_t SocketStream::write(const char* ptr, size_t size) {
  size_t sent = 0;
  while (sent < size) {
    pollfd p{m_fd, POLLOUT, 0};
    int ready;
    do {
      ready = ::poll(&p, 1, static_cast<int>(m_limits.write_timeout.count()));
    } while (ready < 0 && errno == EINTR);
    if (ready <= 0) return -1;
    ssize_t n = ::send(m_fd, ptr + sent, size - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    sent += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(sent);
}

void SocketStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(m_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ip.clear();
    port = 0;
    return;
  }
  address_of(addr, ip, port);
}

void SocketStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ip.clear();
    port = 0;
    return;
  }
  address_of(addr, ip, port);
}

}  // namespace absah::server
