#include "engine/server/listener.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace absah::server {

namespace {

constexpr int kBacklog = 128;
// How often the accept loop looks at the stop flag when no client connects.
constexpr int kStopCheckMillis = 100;

int bound_port(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return -1;
  if (addr.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
  return -1;
}

}  // namespace

Result<std::unique_ptr<Listener>> Listener::open(const std::string& host, int port) {
  const std::string where = host + ":" + std::to_string(port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0)
    return Error(ErrorCode::Io, "--listen",
                 "cannot listen on " + where + ": " + ::gai_strerror(rc));
  int fd = -1;
  int last_errno = 0;
  for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      last_errno = errno;
      continue;
    }
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, kBacklog) != 0) {
      last_errno = errno;
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0)
    return Error(ErrorCode::Io, "--listen",
                 "cannot listen on " + where + " (" + std::string(std::strerror(last_errno)) +
                     ": in use, or not an address of this machine)");
  return std::unique_ptr<Listener>(new Listener(fd, bound_port(fd)));
}

Listener::~Listener() {
  ::close(m_fd);
}

void Listener::run(const std::function<void(int fd)>& on_connection) {
  while (!m_stopping.load()) {
    pollfd p{m_fd, POLLIN, 0};
    int ready = ::poll(&p, 1, kStopCheckMillis);
    if (ready <= 0 || m_stopping.load()) continue;
    int client = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;  // the client left, or out of descriptors for a moment
    int one = 1;
    // Headers and body go out in separate writes; without TCP_NODELAY, Nagle's algorithm and
    // the client's delayed ACK hold every keep-alive response back by about 40 ms.
    ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    on_connection(client);
  }
}

void Listener::stop() {
  m_stopping.store(true);
  // New connections are refused from now on; the descriptor is closed by the destructor.
  ::shutdown(m_fd, SHUT_RDWR);
}

}  // namespace absah::server
