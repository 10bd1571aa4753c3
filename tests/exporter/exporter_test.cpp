// Tests of the exporter over loopback: every server binds 127.0.0.1 port 0 and is stopped here.
#include "schemetric/exporter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "fake_source.hpp"
#include "test_client.hpp"

namespace {

using namespace std::chrono_literals;
using schemetric::exporter;
using schemetric::exporter_options;
using schemetric_test::eventually;
using schemetric_test::fake_source;
using schemetric_test::http_client;
using schemetric_test::http_reply;

constexpr const char* get_metrics = "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n";

exporter_options loopback_options() {
  exporter_options options;
  options.host = "127.0.0.1";
  options.port = 0;
  return options;
}

// A started exporter on 127.0.0.1:<ephemeral>, stopped by the fixture.
class exporter_test : public ::testing::Test {
 protected:
  void start(exporter_options options = loopback_options()) {
    exporter_ = std::make_unique<exporter>(source_, options);
    exporter_->start();
    ASSERT_TRUE(exporter_->running());
    ASSERT_NE(exporter_->port(), 0);
  }
  void TearDown() override {
    if (exporter_) exporter_->stop();
  }
  std::uint16_t port() const { return exporter_->port(); }

  // One request on a new connection.
  std::optional<http_reply> fetch(const std::string& request, bool head_request = false) {
    http_client client(port());
    return client.request(request, head_request);
  }

  fake_source source_;
  std::unique_ptr<exporter> exporter_;
};

TEST_F(exporter_test, get_metrics_text) {
  start();
  const auto reply = fetch(get_metrics);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->field("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(reply->field("Content-Length"), std::to_string(reply->body.size()));
  EXPECT_EQ(reply->body, schemetric_test::text_exposition);
  EXPECT_FALSE(reply->field("Content-Encoding"));
}

TEST_F(exporter_test, get_metrics_openmetrics_for_prometheus) {
  start();
  const auto reply = fetch(
      "GET /metrics HTTP/1.1\r\nHost: localhost\r\nUser-Agent: Prometheus/2.42.0\r\n"
      "Accept: application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
      "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1\r\n"
      "Accept-Encoding: gzip\r\nX-Prometheus-Scrape-Timeout-Seconds: 10\r\n\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->field("Content-Type"),
            "application/openmetrics-text; version=1.0.0; charset=utf-8");
  EXPECT_EQ(reply->field("Content-Encoding"), "gzip");
  ASSERT_TRUE(reply->field("Vary"));
  EXPECT_NE(reply->field("Vary")->find("Accept-Encoding"), std::string::npos);
  EXPECT_EQ(schemetric_test::gunzip(reply->body), schemetric_test::openmetrics_exposition);
}

TEST_F(exporter_test, gzip_only_when_accepted) {
  start();
  auto reply = fetch("GET /metrics HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip;q=0\r\n\r\n");
  ASSERT_TRUE(reply);
  EXPECT_FALSE(reply->field("Content-Encoding"));
  EXPECT_EQ(reply->body, schemetric_test::text_exposition);
  reply = fetch("GET /metrics HTTP/1.1\r\nHost: x\r\nAccept-Encoding: deflate, gzip\r\n\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->field("Content-Encoding"), "gzip");
  EXPECT_EQ(schemetric_test::gunzip(reply->body), schemetric_test::text_exposition);
}

TEST_F(exporter_test, large_gzip_body) {
  source_.padding_bytes = 4 << 20;
  start();
  const auto reply = fetch("GET /metrics HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n");
  ASSERT_TRUE(reply);
  const auto body = schemetric_test::gunzip(reply->body);
  ASSERT_TRUE(body);
  EXPECT_GE(body->size(), std::size_t{4} << 20);
  EXPECT_TRUE(body->ends_with(schemetric_test::text_exposition));
}

TEST_F(exporter_test, head_sends_headers_only) {
  start();
  http_client client(port());
  const auto head = client.request("HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n", true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->field("Content-Length"),
            std::to_string(std::string_view(schemetric_test::text_exposition).size()));
  EXPECT_TRUE(head->body.empty());
  // The next response on the same connection starts right after the head: no body was sent.
  const auto get = client.request(get_metrics);
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200);
  EXPECT_EQ(get->body, schemetric_test::text_exposition);
  const auto head_health = client.request("HEAD /health HTTP/1.1\r\nHost: x\r\n\r\n", true);
  ASSERT_TRUE(head_health);
  EXPECT_EQ(head_health->field("Content-Length"), "15");
  EXPECT_TRUE(client.pending().empty());
}

TEST_F(exporter_test, health_200_and_503) {
  start();
  auto reply = fetch("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->field("Content-Type"), "application/json");
  EXPECT_EQ(reply->body, R"({"status":"ok"})");
  source_.healthy = false;
  reply = fetch("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 503);
  EXPECT_EQ(reply->body, R"({"status":"failing","failing":["db"]})");
}

TEST_F(exporter_test, not_found_and_method_not_allowed_keep_the_connection) {
  start();
  http_client client(port());
  auto reply = client.request("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 404);
  reply = client.request("DELETE /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 405);
  EXPECT_EQ(reply->field("Allow"), "GET, HEAD");
  reply = client.request("OPTIONS /health HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 405);
  reply = client.request(get_metrics);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
}

TEST_F(exporter_test, malformed_request_gets_400_and_close) {
  start();
  for (const std::string request :
       {"GET /metrics\r\n\r\n", "GET /metrics HTTP/1.1\r\nHost: x\r\n  folded\r\n\r\n",
        "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 garbage garbage\r\n\r\n",
        "GET /metrics HTTP/1.1\r\n\r\n"}) {
    http_client client(port());
    const auto reply = client.request(request);
    ASSERT_TRUE(reply) << request;
    EXPECT_EQ(reply->status, 400);
    EXPECT_EQ(reply->field("Connection"), "close");
    EXPECT_TRUE(client.closed_within(10s));
  }
  EXPECT_EQ(source_.metrics_calls, 0);
}

TEST_F(exporter_test, oversized_head_gets_431_and_close) {
  auto options = loopback_options();
  options.max_header_bytes = 1024;
  start(options);
  http_client client(port());
  // More than the limit, sent in one go, followed by more bytes the server never reads.
  const std::string request =
      "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n";
  ASSERT_TRUE(client.send(request.substr(0, 4096)));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 431);
  client.send(request.substr(4096));  // may fail: the server shut down its side
  EXPECT_TRUE(client.closed_within(10s));
  // The server is fine afterwards.
  EXPECT_EQ(fetch(get_metrics)->status, 200);
}

TEST_F(exporter_test, body_gets_413_and_version_505) {
  start();
  {
    http_client client(port());
    const auto reply =
        client.request("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 413);
    EXPECT_TRUE(client.closed_within(10s));
  }
  {
    http_client client(port());
    const auto reply = client.request("GET /metrics HTTP/2.0\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 505);
    EXPECT_TRUE(client.closed_within(10s));
  }
}

TEST_F(exporter_test, source_exception_gives_500) {
  source_.throw_on_metrics = true;
  start();
  http_client client(port());
  const auto reply = client.request(get_metrics);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 500);
  EXPECT_TRUE(client.closed_within(10s));
  source_.throw_on_metrics = false;
  EXPECT_EQ(fetch(get_metrics)->status, 200);
}

TEST_F(exporter_test, keep_alive_serves_many_requests_on_one_connection) {
  start();
  http_client client(port());
  for (int i = 0; i < 20; ++i) {
    const auto reply =
        client.request(i % 2 ? get_metrics : "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(reply) << i;
    EXPECT_EQ(reply->status, 200);
    EXPECT_FALSE(reply->field("Connection"));
  }
  EXPECT_EQ(source_.metrics_calls, 10);
  // Connection: close ends it after the response.
  const auto last = client.request("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->field("Connection"), "close");
  EXPECT_TRUE(client.closed_within(10s));
}

TEST_F(exporter_test, http_1_0_closes_unless_keep_alive) {
  start();
  {
    http_client client(port());
    const auto reply = client.request("GET /metrics HTTP/1.0\r\n\r\n");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->field("Connection"), "close");
    EXPECT_TRUE(client.closed_within(10s));
  }
  {
    http_client client(port());
    for (int i = 0; i < 3; ++i) {
      const auto reply = client.request("GET /metrics HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      ASSERT_TRUE(reply);
      EXPECT_EQ(reply->field("Connection"), "keep-alive");
    }
  }
}

TEST_F(exporter_test, pipelined_requests_are_answered_in_order) {
  start();
  http_client client(port());
  std::string pipeline;
  for (int i = 0; i < 10; ++i) {
    pipeline += "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
    pipeline += "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    pipeline += "HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
    pipeline += "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n";
  }
  pipeline += "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  ASSERT_TRUE(client.send(pipeline));
  for (int i = 0; i < 10; ++i) {
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->body, schemetric_test::text_exposition);
    reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->field("Content-Type"), "application/json");
    reply = client.read_reply(true);
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_TRUE(reply->body.empty());
    reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 404);
  }
  const auto last = client.read_reply();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->field("Connection"), "close");
  EXPECT_TRUE(client.closed_within(10s));
}

TEST_F(exporter_test, pipelined_request_split_across_reads) {
  start();
  http_client client(port());
  const std::string two = std::string(get_metrics) + get_metrics;
  // First request plus half of the second, then the rest later.
  ASSERT_TRUE(client.send(std::string_view(two).substr(0, two.size() - 10)));
  ASSERT_TRUE(client.read_reply());
  std::this_thread::sleep_for(20ms);
  ASSERT_TRUE(client.send(std::string_view(two).substr(two.size() - 10)));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
}

TEST_F(exporter_test, slowloris_is_closed_after_read_timeout) {
  auto options = loopback_options();
  options.read_timeout = 200ms;
  start(options);
  // A byte every 20 ms would keep a per-byte timer alive forever; the head deadline is whole.
  http_client slow(port());
  const std::string request = std::string(get_metrics);
  bool closed = false;
  for (int round = 0; round < 500 && !closed; ++round) {
    if (!slow.send(std::string_view(request).substr(round % 16, 1))) closed = true;
    if (!closed && slow.closed_within(20ms)) closed = true;
  }
  EXPECT_TRUE(closed);
  // A client that sends nothing at all is closed too.
  http_client silent(port());
  EXPECT_TRUE(silent.closed_within(10s));
  // Others are served meanwhile and afterwards.
  EXPECT_EQ(fetch(get_metrics)->status, 200);
}

TEST_F(exporter_test, idle_keep_alive_connection_is_closed_after_keep_alive_timeout) {
  auto options = loopback_options();
  options.keep_alive_timeout = 200ms;
  start(options);
  http_client client(port());
  ASSERT_TRUE(client.request(get_metrics));
  EXPECT_TRUE(client.closed_within(10s));
}

TEST_F(exporter_test, slow_reader_is_closed_after_write_timeout) {
  auto options = loopback_options();
  options.write_timeout = 200ms;
  source_.padding_bytes = 32 << 20;  // far more than the socket buffers hold
  start(options);
  http_client client(port());
  ASSERT_TRUE(client.send(get_metrics));
  // Not reading: the write stalls once the socket buffers (a few MiB) are full. Wait well past
  // the timeout before draining (draining earlier could let the whole response through).
  ASSERT_TRUE(eventually([&] { return source_.metrics_calls.load() == 1; }));
  std::this_thread::sleep_for(2s);
  // What was buffered still arrives, then the close; never the whole response.
  EXPECT_TRUE(client.closed_within(20s));
  EXPECT_LT(client.discarded(), std::size_t{32} << 20);
  source_.padding_bytes = 0;
  EXPECT_EQ(fetch(get_metrics)->status, 200);
}

TEST_F(exporter_test, client_disconnecting_mid_response_hurts_nothing) {
  source_.padding_bytes = 16 << 20;
  start();
  for (int i = 0; i < 5; ++i) {
    http_client client(port());
    ASSERT_TRUE(client.send(get_metrics));
    ASSERT_TRUE(client.receive_more());  // some of the response arrived
    if (i % 2) {
      client.reset();
    } else {
      client.close();
    }
  }
  source_.padding_bytes = 0;
  const auto reply = fetch(get_metrics);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, schemetric_test::text_exposition);
}

// The rest of get_metrics after the first byte that connect_many() sends.
const char* const rest_of_get_metrics = get_metrics + 1;

// Opens `count` connections from `source` (a loopback address), in order, each sending the
// first byte of a request (on Linux the kernel hands the exporter only connections that sent
// something: TCP_DEFER_ACCEPT).
std::vector<std::unique_ptr<http_client>> connect_many(std::uint16_t port, int count,
                                                       const char* source = "127.0.0.1") {
  std::vector<std::unique_ptr<http_client>> clients;
  for (int i = 0; i < count; ++i) {
    clients.push_back(std::make_unique<http_client>(port, 10s, source));
    EXPECT_TRUE(clients.back()->connected()) << i;
    EXPECT_TRUE(clients.back()->send("G")) << i;
  }
  return clients;
}

// Waits until exactly the clients `expected_closed` says are closed (bounded), and returns
// which ones were closed.
std::vector<bool> wait_for_closes(std::vector<std::unique_ptr<http_client>>& clients,
                                  std::size_t expected_closed) {
  std::vector<bool> closed(clients.size(), false);
  std::size_t closed_count = 0;
  eventually(
      [&] {
        for (std::size_t i = 0; i < clients.size(); ++i) {
          if (!closed[i] && clients[i]->closed_within(1ms)) {
            closed[i] = true;
            ++closed_count;
          }
        }
        return closed_count >= expected_closed;
      },
      20s);
  std::this_thread::sleep_for(100ms);  // no further close may follow
  for (std::size_t i = 0; i < clients.size(); ++i) {
    if (!closed[i] && clients[i]->closed_within(1ms)) closed[i] = true;
  }
  return closed;
}

TEST_F(exporter_test,
       at_the_cap_a_request_evicts_the_longest_waiting_a_partial_one_is_turned_away) {
  auto options = loopback_options();
  options.max_connections = 16;
  options.read_timeout = 20s;  // held connections must stay open during the test
  start(options);
  auto holders = connect_many(port(), 16);  // a head begun each: they wait
  ASSERT_TRUE(holders.back()->send(rest_of_get_metrics));
  ASSERT_TRUE(holders.back()->read_reply());  // all 16 are in; the last one is idle now
  // Newcomers that have sent only part of a head cannot evict anyone: turned away at once.
  auto partial = connect_many(port(), 50);
  const auto turned_away = wait_for_closes(partial, partial.size());
  for (std::size_t i = 0; i < partial.size(); ++i) EXPECT_TRUE(turned_away[i]) << i;
  // A newcomer with a whole request evicts the longest waiting (the first holder) and is served.
  http_client scraper(port());
  const auto reply = scraper.request(get_metrics);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  const auto closed = wait_for_closes(holders, 1);
  for (std::size_t i = 0; i < holders.size(); ++i) EXPECT_EQ(closed[i], i == 0) << i;
}

TEST_F(exporter_test, idle_keep_alive_connection_gives_way_to_a_new_one) {
  auto options = loopback_options();
  options.max_connections = 1;
  start(options);
  http_client holder(port());
  ASSERT_EQ(holder.request(get_metrics)->status, 200);  // now idle on keep-alive
  http_client newcomer(port());
  const auto reply = newcomer.request(get_metrics);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_TRUE(holder.closed_within(10s));
}

TEST_F(exporter_test, refused_with_503_only_when_every_connection_is_busy) {
  auto options = loopback_options();
  options.max_connections = 1;
  options.write_timeout = 20s;
  source_.padding_bytes = 32 << 20;  // a response the holder never reads: busy writing
  start(options);
  http_client holder(port());
  ASSERT_TRUE(holder.send(get_metrics));
  ASSERT_TRUE(eventually([&] { return source_.metrics_calls.load() == 1; }));
  http_client rejected(port());
  rejected.send(get_metrics);  // may fail if the server already closed
  // Either the 503 arrives before the close, or the close reset the connection first.
  if (const auto reply = rejected.read_reply()) {
    EXPECT_EQ(reply->status, 503);
    EXPECT_EQ(reply->field("Connection"), "close");
    EXPECT_EQ(reply->field("Retry-After"), "1");
  }
  EXPECT_TRUE(rejected.closed_within(10s));
  EXPECT_FALSE(holder.closed_within(10ms));  // the busy one was not evicted
}

TEST_F(exporter_test, a_peer_at_its_limit_evicts_its_own_connections_only) {
  auto options = loopback_options();
  options.max_connections_per_peer = 4;
  options.read_timeout = 20s;
  start(options);
  // Another peer (127.0.0.2) connected first, so its connections are the longest waiting.
  auto other = connect_many(port(), 4, "127.0.0.2");
  auto flood = connect_many(port(), 50, "127.0.0.1");
  // 127.0.0.1 holds its 4; its partial newcomers are turned away.
  const auto closed = wait_for_closes(flood, flood.size() - 4);
  for (std::size_t i = 0; i < flood.size(); ++i) EXPECT_EQ(closed[i], i >= 4) << i;
  // A whole request from 127.0.0.1 evicts 127.0.0.1's longest waiting, not 127.0.0.2's.
  http_client scraper(port(), 10s, "127.0.0.1");
  const auto reply = scraper.request(get_metrics);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_TRUE(flood[0]->closed_within(10s));
  for (auto& client : other) {
    const auto answer = client->request(rest_of_get_metrics);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 200);
  }
}

TEST_F(exporter_test, at_the_cap_the_peer_with_most_connections_gives_way) {
  auto options = loopback_options();
  options.max_connections = 8;
  options.read_timeout = 20s;
  start(options);
  // 127.0.0.2 waits longest with 2 connections; 127.0.0.1 holds 6. A newcomer from 127.0.0.3
  // evicts the oldest of 127.0.0.1's, not 127.0.0.2's older ones.
  auto clients = connect_many(port(), 2, "127.0.0.2");
  for (auto& client : connect_many(port(), 6, "127.0.0.1")) clients.push_back(std::move(client));
  ASSERT_TRUE(clients.back()->request(rest_of_get_metrics));  // all 8 are open now
  http_client newcomer(port(), 10s, "127.0.0.3");
  const auto reply = newcomer.request(get_metrics);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  const auto closed = wait_for_closes(clients, 1);
  for (std::size_t i = 0; i < clients.size(); ++i) EXPECT_EQ(closed[i], i == 2) << i;
}

TEST_F(exporter_test, stop_is_prompt_with_clients_connected) {
  auto options = loopback_options();
  options.read_timeout = 60s;
  options.write_timeout = 60s;
  options.keep_alive_timeout = 60s;
  source_.padding_bytes = 32 << 20;
  start(options);
  std::vector<std::unique_ptr<http_client>> clients;
  for (int i = 0; i < 10; ++i) {
    clients.push_back(std::make_unique<http_client>(port()));
    if (i >= 2) clients.back()->send("G");  // connected, a head just begun
  }
  clients[0]->send("GET /metrics HTTP/1.1\r\nHo");  // mid-head
  clients[1]->send(get_metrics);                    // a large response it never reads
  ASSERT_TRUE(eventually([&] { return source_.metrics_calls.load() == 1; }));
  auto stopped = std::async(std::launch::async, [&] { exporter_->stop(); });
  ASSERT_EQ(stopped.wait_for(20s), std::future_status::ready);
  EXPECT_FALSE(exporter_->running());
  EXPECT_EQ(exporter_->port(), 0);
  for (auto& client : clients) EXPECT_TRUE(client->closed_within(20s));
}

TEST_F(exporter_test, start_stop_start_again_on_the_same_port) {
  start();
  const std::uint16_t first_port = port();
  ASSERT_EQ(fetch(get_metrics)->status, 200);
  exporter_->stop();
  exporter_->stop();  // idempotent
  EXPECT_FALSE(exporter_->running());
  auto options = loopback_options();
  options.port = first_port;
  exporter_ = std::make_unique<exporter>(source_, options);
  exporter_->start();
  EXPECT_EQ(port(), first_port);
  EXPECT_EQ(fetch(get_metrics)->status, 200);
  exporter_->stop();
  exporter_->start();  // the same object again
  EXPECT_EQ(fetch(get_metrics)->status, 200);
}

TEST_F(exporter_test, start_while_running_throws) {
  start();
  EXPECT_THROW(exporter_->start(), std::logic_error);
  EXPECT_TRUE(exporter_->running());
}

TEST(exporter, stop_without_start_and_destructor_stop) {
  fake_source source;
  {
    exporter never_started(source, loopback_options());
    never_started.stop();
    never_started.stop();
    EXPECT_FALSE(never_started.running());
    EXPECT_EQ(never_started.port(), 0);
  }
  std::uint16_t port = 0;
  {
    exporter scoped(source, loopback_options());
    scoped.start();
    port = scoped.port();
    http_client client(port);
    ASSERT_TRUE(client.request(get_metrics));
  }  // the destructor stops
  http_client after(port);
  EXPECT_FALSE(after.connected());
}

TEST(exporter, bind_failure_names_the_address) {
  // Occupy a port, then ask the exporter for it.
  const int holder = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(holder, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(holder, 1), 0);
  socklen_t length = sizeof address;
  ::getsockname(holder, reinterpret_cast<sockaddr*>(&address), &length);
  const std::uint16_t taken = ntohs(address.sin_port);

  fake_source source;
  auto options = loopback_options();
  options.port = taken;
  exporter blocked(source, options);
  try {
    blocked.start();
    ADD_FAILURE() << "start() should have thrown";
  } catch (const std::system_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("127.0.0.1:" + std::to_string(taken)), std::string::npos) << message;
    EXPECT_EQ(error.code(), std::errc::address_in_use) << message;
  }
  EXPECT_FALSE(blocked.running());
  blocked.stop();
  ::close(holder);
}

TEST(exporter, unresolvable_host_names_the_address) {
  fake_source source;
  auto options = loopback_options();
  options.host = "no-such-host.invalid";  // RFC 6761: never resolves
  options.port = 0;
  exporter unresolvable(source, options);
  try {
    unresolvable.start();
    ADD_FAILURE() << "start() should have thrown";
  } catch (const std::system_error& error) {
    EXPECT_NE(std::string(error.what()).find("no-such-host.invalid:0"), std::string::npos)
        << error.what();
  }
  EXPECT_FALSE(unresolvable.running());
}

TEST(exporter, runs_on_an_application_io_context) {
  fake_source source;
  asio::io_context context;
  exporter on_context(source, loopback_options());
  on_context.start(context);
  ASSERT_TRUE(on_context.running());
  // Two application threads run the context; the source still sees one call at a time.
  std::vector<std::thread> threads;
  std::atomic<int> finished{0};
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&] {
      context.run();
      ++finished;
    });
  }
  {
    std::vector<std::unique_ptr<http_client>> clients;
    for (int i = 0; i < 8; ++i) {
      clients.push_back(std::make_unique<http_client>(on_context.port()));
      clients.back()->send(get_metrics);
    }
    for (auto& client : clients) {
      const auto reply = client->read_reply();
      ASSERT_TRUE(reply);
      EXPECT_EQ(reply->status, 200);
    }
    http_client idle(on_context.port());  // stays connected through stop()
    ASSERT_TRUE(idle.send("G"));
    on_context.stop();
    EXPECT_TRUE(idle.closed_within(10s));
  }
  // stop() left no work behind: run() returns by itself.
  const bool returned = eventually([&] { return finished.load() == 2; }, 20s);
  EXPECT_TRUE(returned);
  if (!returned) context.stop();
  for (auto& thread : threads) thread.join();
}

TEST(exporter, options_out_of_range_are_refused_by_start) {
  fake_source source;
  const auto refused = [&](auto change, const char* expected) {
    auto options = loopback_options();
    change(options);
    exporter server(source, options);
    try {
      server.start();
      ADD_FAILURE() << "started with " << expected;
    } catch (const std::invalid_argument& error) {
      EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
    }
    EXPECT_FALSE(server.running());
  };
  refused([](exporter_options& o) { o.max_connections = 0; }, "max_connections must be");
  refused([](exporter_options& o) { o.max_connections_per_peer = 0; }, "max_connections_per_peer");
  refused([](exporter_options& o) { o.read_timeout = 0s; }, "read_timeout");
  refused([](exporter_options& o) { o.write_timeout = -1s; }, "write_timeout");
  refused([](exporter_options& o) { o.keep_alive_timeout = 0s; }, "keep_alive_timeout");
  refused([](exporter_options& o) { o.max_header_bytes = 10; }, "max_header_bytes");
}

TEST(exporter, a_web_config_file_is_refused_rather_than_ignored) {
  fake_source source;
  auto options = loopback_options();
  options.web_config_file = "web.yml";
  exporter server(source, options);
  try {
    server.start();
    ADD_FAILURE() << "the plain exporter started with a web config file";
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("\"web.yml\""), std::string::npos) << message;
    EXPECT_NE(message.find("schemetric::tls_exporter"), std::string::npos) << message;
  }
  EXPECT_FALSE(server.running());
}

TEST(exporter, options_defaults) {
  const exporter_options options;
  EXPECT_EQ(options.host, "127.0.0.1");
  EXPECT_EQ(options.port, 9464);
  EXPECT_EQ(options.max_connections, 256u);
  EXPECT_EQ(options.max_connections_per_peer, 64u);
  EXPECT_EQ(options.max_header_bytes, 8192u);
  EXPECT_EQ(options.read_timeout, 5s);
  EXPECT_EQ(options.write_timeout, 5s);
  EXPECT_GT(options.keep_alive_timeout, 60s);
}

}  // namespace
