#include "engine/server/request_dispatch.h"

#include <cctype>
#include <cstdio>
#include <cstring>

#include "engine/server/service_state.h"

namespace absah::server {

namespace {

// One connection's bytes: the request to read, the response written.
class MemoryStream final : public httplib::Stream {
 public:
  explicit MemoryStream(std::string input) : m_input(std::move(input)) {}

  bool is_readable() const override { return m_read < m_input.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const size_t n = std::min(size, m_input.size() - m_read);
    std::memcpy(ptr, m_input.data() + m_read, n);
    m_read += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    m_output.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "in-process";
    port = 0;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "in-process";
    port = 0;
  }
  socket_t socket() const override { return INVALID_SOCKET; }

  const std::string& output() const { return m_output; }

 private:
  std::string m_input;
  size_t m_read = 0;
  std::string m_output;
};

// Percent-encodes all but unreserved characters and the ones listed in `keep`.
std::string percent_encode(std::string_view text, std::string_view keep) {
  std::string out;
  char buf[4];
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
        keep.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

bool carriable(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Reads what httplib wrote: status line, headers, then the body up to the end (the connection
// is closed after one response). Interim 1xx responses are skipped.
httplib::Response parse_response(std::string_view wire) {
  httplib::Response res;
  res.status = 500;  // nothing written at all would be a server fault
  while (true) {
    const size_t head_end = wire.find("\r\n\r\n");
    if (head_end == std::string_view::npos) return res;
    std::string_view head = wire.substr(0, head_end);
    const std::string_view rest = wire.substr(head_end + 4);
    size_t line_end = head.find("\r\n");
    const std::string_view status_line = head.substr(0, line_end);
    head = line_end == std::string_view::npos ? std::string_view() : head.substr(line_end + 2);
    // "HTTP/1.1 200 OK"
    const size_t sp = status_line.find(' ');
    if (sp == std::string_view::npos) return res;
    res.version = std::string(status_line.substr(0, sp));
    const std::string_view code = status_line.substr(sp + 1, 3);
    int status = 0;
    for (char c : code)
      status = status * 10 + (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : 0);
    if (sp + 5 <= status_line.size()) res.reason = std::string(status_line.substr(sp + 5));
    res.status = status;
    res.headers.clear();
    while (!head.empty()) {
      line_end = head.find("\r\n");
      const std::string_view line = head.substr(0, line_end);
      head = line_end == std::string_view::npos ? std::string_view() : head.substr(line_end + 2);
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      res.headers.emplace(std::string(line.substr(0, colon)),
                          std::string(trim(line.substr(colon + 1))));
    }
    if (status >= 100 && status < 200) {
      wire = rest;
      continue;
    }
    res.body = std::string(rest);
    return res;
  }
}

}  // namespace

std::string serialize_request(const httplib::Request& request) {
  std::string target = percent_encode(request.path, "/!$&'()*+,;=:@");
  if (target.empty() || target.front() != '/') target.insert(target.begin(), '/');
  char separator = '?';
  for (const auto& [name, value] : request.params) {
    target += separator;
    target += percent_encode(name, "");
    target += '=';
    target += percent_encode(value, "");
    separator = '&';
  }
  std::string wire = (request.method.empty() ? std::string("GET") : request.method) + " " + target +
                     " HTTP/1.1\r\n";
  bool has_host = false;
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || !carriable(name) || !carriable(value) ||
        name.find(':') != std::string::npos || same_name(name, "Content-Length"))
      continue;
    if (same_name(name, "Host")) has_host = true;
    wire += name + ": " + value + "\r\n";
  }
  if (!has_host) wire += "Host: localhost\r\n";
  wire += "Content-Length: " + std::to_string(request.body.size()) + "\r\n\r\n";
  wire += request.body;
  return wire;
}

RequestDispatcher::RequestDispatcher(std::unique_ptr<HttpService::State> state)
    : m_state(std::move(state)) {}

RequestDispatcher::~RequestDispatcher() = default;

Result<std::unique_ptr<RequestDispatcher>> RequestDispatcher::create(ServiceConfig config) {
  auto prepared = prepare_service(std::move(config));
  if (!prepared) return prepared.take_error();
  return std::unique_ptr<RequestDispatcher>(new RequestDispatcher(std::move(*prepared)));
}

httplib::Response RequestDispatcher::dispatch(const httplib::Request& request) {
  MemoryStream stream(serialize_request(request));
  bool connection_closed = false;
  m_state->server.process_request(stream, /*close_connection=*/true, connection_closed,
                                  [](httplib::Request&) {});
  return parse_response(stream.output());
}

}  // namespace absah::server
