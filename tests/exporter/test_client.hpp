// A small blocking HTTP/1.1 test client over POSIX sockets, with bounded waits everywhere.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace schemetric_test {

using namespace std::chrono_literals;

/// One parsed response.
struct http_reply {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> fields;
  std::string body;

  /// The first field with this name (case-insensitive), or nullopt.
  std::optional<std::string> field(std::string_view name) const {
    for (const auto& [field_name, value] : fields) {
      if (field_name.size() != name.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < name.size(); ++i) {
        same = same && std::tolower(static_cast<unsigned char>(field_name[i])) ==
                           std::tolower(static_cast<unsigned char>(name[i]));
      }
      if (same) return value;
    }
    return std::nullopt;
  }
};

/// A connection to 127.0.0.1:port, from the loopback address `source` (127.0.0.x; Linux
/// routes all of 127/8 to lo, so tests can be several peers). Every wait is bounded by
/// `timeout`.
class http_client {
 public:
  explicit http_client(std::uint16_t port, std::chrono::milliseconds timeout = 10s,
                       const char* source = "127.0.0.1")
      : timeout_(timeout) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &from.sin_addr);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0 &&
                 ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    const int one = 1;
    if (connected_) ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~http_client() { close(); }
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  bool connected() const { return connected_; }
  int fd() const { return fd_; }

  /// Sends all of `data`; false when the connection is gone.
  bool send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (sent <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
  }

  /// Reads one response (no body expected after a HEAD request). nullopt on timeout,
  /// malformed response or a connection closed before the response was complete.
  std::optional<http_reply> read_reply(bool head_request = false) {
    const auto deadline = std::chrono::steady_clock::now() + timeout_;
    std::size_t head_end;
    while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!receive(deadline)) return std::nullopt;
    }
    http_reply reply;
    std::string_view head(buffer_.data(), head_end);
    const std::size_t line_end = head.find("\r\n");
    const std::string_view status_line = head.substr(0, line_end);
    if (status_line.substr(0, 9) != "HTTP/1.1 " || status_line.size() < 12) return std::nullopt;
    reply.status = std::stoi(std::string(status_line.substr(9, 3)));
    head.remove_prefix(line_end == std::string_view::npos ? head.size() : line_end + 2);
    while (!head.empty()) {
      const std::size_t end = head.find("\r\n");
      const std::string_view line = head.substr(0, end);
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) return std::nullopt;
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      reply.fields.emplace_back(std::string(line.substr(0, colon)), std::string(value));
      head.remove_prefix(end == std::string_view::npos ? head.size() : end + 2);
    }
    buffer_.erase(0, head_end + 4);
    const auto length_text = reply.field("Content-Length");
    if (!length_text) return std::nullopt;  // the exporter always sends Content-Length
    const std::size_t length = head_request ? 0 : std::stoul(*length_text);
    while (buffer_.size() < length) {
      if (!receive(deadline)) return std::nullopt;
    }
    reply.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return reply;
  }

  /// Sends one request and reads its response.
  std::optional<http_reply> request(std::string_view raw, bool head_request = false) {
    if (!send(raw)) return std::nullopt;
    return read_reply(head_request);
  }

  /// Whether the server closed the connection (EOF or reset) within `limit`; received data is
  /// discarded. false means it was still open at the end.
  bool closed_within(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    char scratch[65536];
    for (;;) {
      // Poll at least once, even when the limit is shorter than a millisecond.
      const auto left =
          std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd poll_fd{fd_, POLLIN, 0};
      const int ready =
          ::poll(&poll_fd, 1, static_cast<int>(std::max<std::int64_t>(left.count(), 0)));
      if (ready == 0) return false;
      if (ready < 0) {
        if (errno == EINTR) continue;
        return true;
      }
      const ssize_t got = ::recv(fd_, scratch, sizeof scratch, 0);
      if (got > 0) discarded_ += static_cast<std::size_t>(got);
      if (got == 0) return true;
      if (got < 0 && errno != EINTR && errno != EAGAIN) return true;
    }
  }

  /// Bytes closed_within() read and dropped so far.
  std::size_t discarded() const { return discarded_; }

  /// Waits (bounded) for more bytes; false on timeout or when the connection is gone.
  bool receive_more() { return receive(std::chrono::steady_clock::now() + timeout_); }

  /// Bytes received but not yet consumed by read_reply().
  const std::string& pending() const { return buffer_; }

  /// Frees the receive buffer (when nothing is pending), for tests that measure memory.
  void release_buffer() {
    if (buffer_.empty()) std::string().swap(buffer_);
  }

  /// Aborts the connection with a reset (SO_LINGER 0), as a crashed client would.
  void reset() {
    if (fd_ < 0) return;
    const linger option{1, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &option, sizeof option);
    close();
  }

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  bool receive(std::chrono::steady_clock::time_point deadline) {
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd poll_fd{fd_, POLLIN, 0};
      const int ready = ::poll(&poll_fd, 1, static_cast<int>(left.count()));
      if (ready == 0) return false;
      if (ready < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      char chunk[65536];
      const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;
      buffer_.append(chunk, static_cast<std::size_t>(got));
      return true;
    }
  }

  int fd_ = -1;
  bool connected_ = false;
  std::chrono::milliseconds timeout_;
  std::string buffer_;
  std::size_t discarded_ = 0;
};

/// Inflates a gzip member with zlib; nullopt when it is not valid gzip.
inline std::optional<std::string> gunzip(std::string_view compressed) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return std::nullopt;
  std::string out;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  int status = Z_OK;
  char chunk[65536];
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - stream.avail_out);
    if (status == Z_BUF_ERROR && stream.avail_in == 0) break;
  }
  const bool complete = status == Z_STREAM_END && stream.avail_in == 0;
  inflateEnd(&stream);
  if (!complete) return std::nullopt;
  return out;
}

/// Polls `condition` every 10 ms until it holds or `limit` passed (a bounded wait, no timing
/// assertion). Returns the condition's last value.
template <class Condition>
bool eventually(Condition&& condition, std::chrono::milliseconds limit = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

}  // namespace schemetric_test
