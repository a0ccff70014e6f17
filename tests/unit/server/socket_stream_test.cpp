#include "engine/server/socket_stream.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

namespace absah::server {
namespace {

using namespace std::chrono_literals;

// A connected pair: the stream reads one end, the test writes the other as the client.
struct Connection {
  explicit Connection(StreamLimits limits) {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    client = fds[1];
    stream = std::make_unique<SocketStream>(fds[0], limits);
  }
  ~Connection() { ::close(client); }
  void send(const std::string& bytes) const {
    ASSERT_EQ(::write(client, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  }
  // Reads until the stream fails or `want` bytes came, as httplib does, a few bytes at a time.
  std::string read(size_t want) const {
    std::string out;
    char buf[7];
    while (out.size() < want) {
      ssize_t n = stream->read(buf, std::min(sizeof buf, want - out.size()));
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }
  int client = -1;
  std::unique_ptr<SocketStream> stream;
};

StreamLimits small_limits() {
  StreamLimits limits;
  limits.max_head_bytes = 200;
  limits.max_head_lines = 4;
  limits.request_time = 2s;
  limits.read_timeout = 1s;
  return limits;
}

TEST(SocketStream, ARequestWithinTheBoundsReadsThroughHeadAndBody) {
  Connection c(small_limits());
  // The body may be longer than the head limit: only the head is bounded.
  const std::string request =
      "POST /v1/verify HTTP/1.1\r\nHost: x\r\nContent-Length: 300\r\n\r\n" + std::string(300, 'b');
  c.send(request);
  EXPECT_EQ(c.read(request.size()), request);
  EXPECT_EQ(c.stream->violation(), StreamViolation::None);
}

TEST(SocketStream, OneHeaderLineTooManyFailsTheRead) {
  Connection c(small_limits());
  c.send("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n");  // five lines
  const std::string got = c.read(1000);
  EXPECT_LT(got.size(), 40u);
  EXPECT_EQ(c.stream->violation(), StreamViolation::TooManyHeadLines);
}

TEST(SocketStream, AHeadLargerThanItsLimitFailsTheRead) {
  Connection c(small_limits());
  c.send("GET / HTTP/1.1\r\nX: " + std::string(400, 'a') + "\r\n\r\n");
  c.read(1000);
  EXPECT_EQ(c.stream->violation(), StreamViolation::HeadTooLarge);
}

TEST(SocketStream, AClientThatStopsMidHeadTimesOutAtTheDeadline) {
  StreamLimits limits = small_limits();
  limits.request_time = 300ms;
  Connection c(limits);
  c.send("GET / HTTP/1.1\r\n");
  const auto start = std::chrono::steady_clock::now();
  c.read(1000);
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(c.stream->violation(), StreamViolation::Timeout);
  EXPECT_LT(waited, 900ms) << "the deadline, not the 1 s read timeout, ended the wait";
}

TEST(SocketStream, EachKeptAliveRequestGetsItsOwnBounds) {
  Connection c(small_limits());
  const std::string first = "GET /a HTTP/1.1\r\nA: 1\r\n\r\n";
  const std::string second = "GET /b HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n";
  c.send(first + second);  // pipelined: both arrive in one read
  EXPECT_EQ(c.read(first.size()), first);
  c.stream->begin_request();
  EXPECT_EQ(c.read(second.size()), second);
  EXPECT_EQ(c.stream->violation(), StreamViolation::None);
  // Lines are counted per request: 3 + 3 lines would have broken a shared limit of 4.
}

}  // namespace
}  // namespace absah::server
