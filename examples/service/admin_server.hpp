// The example service's admin endpoint, on its own port: faults to inject for demonstrations and
// end-to-end tests of alerts. Not part of the library; a plain, small, blocking HTTP/1.0 server.
//
//   GET    /faults                                     the faults in force, as JSON
//   POST   /faults?http_5xx_ratio=0.5&latency_ms=300&database_down=1
//                                                      set faults (each parameter optional)
//   DELETE /faults                                     remove every fault
//
// http_5xx_ratio (0 to 1): the share of HTTP requests answered with a 500 status;
// latency_ms (0 to 10000): time added to every HTTP request;
// database_down (0 or 1): the health check finds the database unhealthy.
#pragma once

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include <asio.hpp>

#include "service.hpp"

namespace example_admin {

using faults = example_service::faults;

/// Serves the admin endpoint on its own thread until destroyed. Each request is read with a
/// timeout, so a silent client cannot hold it for long.
class admin_server {
 public:
  admin_server(faults& state, const std::string& host, unsigned short port)
      : state_(state), acceptor_(io_, {asio::ip::make_address(host), port}) {
    thread_ = std::thread([this] { serve(); });
  }
  admin_server(const admin_server&) = delete;
  admin_server& operator=(const admin_server&) = delete;
  ~admin_server() {
    stopping_ = true;
    asio::error_code ignored;
    // Wake the blocking accept with a connection of our own.
    asio::ip::tcp::socket waker(io_);
    waker.connect(acceptor_.local_endpoint(), ignored);
    thread_.join();
  }

  [[nodiscard]] unsigned short port() const { return acceptor_.local_endpoint().port(); }

 private:
  void serve() {
    while (!stopping_) {
      asio::ip::tcp::socket socket(io_);
      asio::error_code error;
      acceptor_.accept(socket, error);
      if (error || stopping_) continue;
      handle(socket);
    }
  }

  void handle(asio::ip::tcp::socket& socket) {
    timeval timeout{2, 0};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    asio::streambuf buffer(8192);
    asio::error_code error;
    asio::read_until(socket, buffer, "\r\n", error);
    if (error) return;
    std::string line;
    std::istream(&buffer) >> line;
    const std::string method = line;
    std::istream(&buffer) >> line;
    const auto [status, body] = answer(method, line);
    const std::string response =
        "HTTP/1.0 " + status +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\n\r\n" + body;
    asio::write(socket, asio::buffer(response), error);
  }

  std::pair<std::string, std::string> answer(std::string_view method, std::string_view target) {
    const std::string_view path = target.substr(0, target.find('?'));
    if (path != "/faults") return {"404 Not Found", "{\"error\": \"only /faults is served\"}\n"};
    if (method == "DELETE") {
      state_.http_5xx_ratio = 0;
      state_.latency_ms = 0;
      state_.database_down = false;
    } else if (method == "POST") {
      const std::optional<double> ratio = parameter(target, "http_5xx_ratio");
      const std::optional<double> latency = parameter(target, "latency_ms");
      const std::optional<double> down = parameter(target, "database_down");
      if ((ratio && !(*ratio >= 0 && *ratio <= 1)) ||
          (latency && !(*latency >= 0 && *latency <= 10000)) ||
          (down && *down != 0 && *down != 1)) {
        return {"400 Bad Request",
                "{\"error\": \"http_5xx_ratio must be in [0, 1], latency_ms in [0, 10000] and "
                "database_down 0 or 1\"}\n"};
      }
      if (ratio) state_.http_5xx_ratio = *ratio;
      if (latency) state_.latency_ms = static_cast<int>(*latency);
      if (down) state_.database_down = *down == 1;
      std::printf("example service: faults set: http_5xx_ratio=%g latency_ms=%d database_down=%d\n",
                  state_.http_5xx_ratio.load(), state_.latency_ms.load(),
                  state_.database_down.load() ? 1 : 0);
      std::fflush(stdout);
    } else if (method != "GET") {
      return {"405 Method Not Allowed", "{\"error\": \"use GET, POST or DELETE\"}\n"};
    }
    char body[160];
    std::snprintf(body, sizeof body,
                  "{\"http_5xx_ratio\": %g, \"latency_ms\": %d, \"database_down\": %s}\n",
                  state_.http_5xx_ratio.load(), state_.latency_ms.load(),
                  state_.database_down.load() ? "true" : "false");
    return {"200 OK", body};
  }

  // The number after `name=` in the query of `target`.
  static std::optional<double> parameter(std::string_view target, std::string_view name) {
    const std::size_t query = target.find('?');
    if (query == std::string_view::npos) return std::nullopt;
    std::string_view rest = target.substr(query + 1);
    while (!rest.empty()) {
      const std::string_view pair = rest.substr(0, rest.find('&'));
      if (pair.substr(0, pair.find('=')) == name && pair.find('=') != std::string_view::npos) {
        const std::string text(pair.substr(pair.find('=') + 1));
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (end != text.c_str() && *end == '\0') return value;
        return -1;  // present but not a number: out of range
      }
      rest = rest.size() > pair.size() ? rest.substr(pair.size() + 1) : std::string_view{};
    }
    return std::nullopt;
  }

  faults& state_;
  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace example_admin
