#pragma once
// One client connection as httplib reads it, with the bounds httplib 0.11 does not have:
// the request head (request line and headers) may not exceed a byte count or a line count,
// and a whole request, head and body, must arrive before a deadline. Without them one client
// could stream headers into memory for as long as it keeps sending (each header line is
// bounded, their number is not), or hold a worker by dripping a byte just inside every read
// timeout. A request that breaks a bound fails to read; httplib answers 400 when it can, and
// the connection is closed.

#include <chrono>
#include <cstddef>
#include <string>

#include <httplib.h>

namespace absah::server {

struct StreamLimits {
  size_t max_head_bytes = 64u << 10;
  size_t max_head_lines = 100;  // the request line and headers
  std::chrono::milliseconds request_time{std::chrono::seconds(60)};
  std::chrono::milliseconds read_timeout{std::chrono::seconds(10)};  // silence between bytes
  std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
};

enum class StreamViolation { None, HeadTooLarge, TooManyHeadLines, Timeout };

class SocketStream final : public httplib::Stream {
 public:
  // Takes ownership of the connected socket `fd`.
  SocketStream(int fd, StreamLimits limits);
  ~SocketStream() override;
  SocketStream(const SocketStream&) = delete;
  SocketStream& operator=(const SocketStream&) = delete;

  // Starts the bounds of the next request on this connection (keep-alive).
  void begin_request();
  // Whether the client sends (or has sent) anything within `idle`; false on close or silence.
  bool wait_for_request(std::chrono::milliseconds idle);
  StreamViolation violation() const { return m_violation; }

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return m_fd; }

 private:
  using Clock = std::chrono::steady_clock;
  // Waits for `events` until the read/write timeout or the request deadline, whichever is first.
  bool wait(short events, std::chrono::milliseconds timeout) const;
  bool fill();
  void drain_before_close();
  void scan_head(const char* data, size_t size);

  int m_fd;
  StreamLimits m_limits;
  Clock::time_point m_deadline;
  // Bytes received but not yet handed to httplib, which reads the head a byte at a time.
  std::string m_buffer;
  size_t m_buffer_pos = 0;
  // The head scanner: bytes and lines of the current request's head, and whether it ended.
  bool m_in_head = true;
  size_t m_head_bytes = 0;
  size_t m_head_lines = 0;
  size_t m_line_length = 0;
  StreamViolation m_violation = StreamViolation::None;
};

}  // namespace absah::server
