// Tests of the connection table's admission and eviction policy (detail/http/connection_table.hpp)
// with stand-in connections: no sockets, every decision checked exactly.
#include "schemetric/detail/http/connection_table.hpp"

#include <gtest/gtest.h>

#include <deque>

namespace {

using schemetric::detail::connection_table;
using schemetric::detail::connection_table_entry;
using schemetric::detail::peer_key;
using schemetric::detail::peer_of;

struct fake_connection {
  connection_table_entry<fake_connection> table_entry;
};

peer_key peer(const char* address) {
  return peer_of(asio::ip::make_address(address));
}

class connection_table_test : public ::testing::Test {
 protected:
  // Admits a new connection from `address` as the listener does (evicting when told to).
  fake_connection* connect(connection_table<fake_connection>& table, const char* address) {
    const auto admission = table.admit(peer(address));
    if (!admission.admit) return nullptr;
    if (admission.evict != nullptr) {
      table.remove(*admission.evict);
      evicted.push_back(admission.evict);
    }
    connections.emplace_back();
    table.add(connections.back(), peer(address));
    return &connections.back();
  }

  std::deque<fake_connection> connections;  // stable addresses
  std::vector<fake_connection*> evicted;
};

TEST_F(connection_table_test, below_the_limits_everyone_is_admitted) {
  connection_table<fake_connection> table(4, 4);
  for (int i = 0; i < 4; ++i) ASSERT_NE(connect(table, "10.0.0.1"), nullptr);
  EXPECT_TRUE(evicted.empty());
  EXPECT_EQ(table.size(), 4u);
  EXPECT_EQ(table.count(peer("10.0.0.1")), 4u);
}

TEST_F(connection_table_test, at_the_cap_the_longest_waiting_gives_way) {
  connection_table<fake_connection> table(3, 10);
  fake_connection* a = connect(table, "10.0.0.1");
  fake_connection* b = connect(table, "10.0.0.2");
  fake_connection* c = connect(table, "10.0.0.3");
  table.mark_busy(*a);
  table.mark_busy(*b);
  table.mark_waiting(*a);  // a waits again, now after c
  ASSERT_NE(connect(table, "10.0.0.4"), nullptr);
  EXPECT_EQ(evicted, std::vector<fake_connection*>{c});
  EXPECT_EQ(table.size(), 3u);
  ASSERT_NE(connect(table, "10.0.0.5"), nullptr);
  EXPECT_EQ(evicted.back(), a);
}

TEST_F(connection_table_test, at_the_cap_the_heaviest_peer_gives_way_first) {
  connection_table<fake_connection> table(4, 10);
  fake_connection* light = connect(table, "10.0.0.1");  // waits longest, but alone
  fake_connection* heavy_old = connect(table, "10.0.0.2");
  connect(table, "10.0.0.2");
  connect(table, "10.0.0.2");
  ASSERT_NE(connect(table, "10.0.0.3"), nullptr);
  EXPECT_EQ(evicted, std::vector<fake_connection*>{heavy_old});
  EXPECT_EQ(table.count(peer("10.0.0.1")), 1u);
  (void)light;
}

TEST_F(connection_table_test, busy_connections_are_never_evicted) {
  connection_table<fake_connection> table(2, 10);
  table.mark_busy(*connect(table, "10.0.0.1"));
  table.mark_busy(*connect(table, "10.0.0.2"));
  EXPECT_EQ(connect(table, "10.0.0.3"), nullptr);
  EXPECT_TRUE(evicted.empty());
  EXPECT_EQ(table.size(), 2u);
}

TEST_F(connection_table_test, a_peer_at_its_limit_replaces_its_own_longest_waiting) {
  connection_table<fake_connection> table(100, 2);
  fake_connection* other = connect(table, "10.0.0.9");  // older than all of 10.0.0.1's
  fake_connection* first = connect(table, "10.0.0.1");
  fake_connection* second = connect(table, "10.0.0.1");
  ASSERT_NE(connect(table, "10.0.0.1"), nullptr);
  EXPECT_EQ(evicted, std::vector<fake_connection*>{first});
  table.mark_busy(*second);
  ASSERT_NE(connect(table, "10.0.0.1"), nullptr);  // evicts the third, not the busy second
  EXPECT_EQ(evicted.size(), 2u);
  EXPECT_NE(evicted.back(), second);
  EXPECT_EQ(table.count(peer("10.0.0.1")), 2u);
  EXPECT_TRUE(other->table_entry.listed);
}

TEST_F(connection_table_test, a_peer_whose_connections_are_all_busy_is_refused) {
  connection_table<fake_connection> table(100, 2);
  table.mark_busy(*connect(table, "10.0.0.1"));
  table.mark_busy(*connect(table, "10.0.0.1"));
  EXPECT_EQ(connect(table, "10.0.0.1"), nullptr);
  EXPECT_NE(connect(table, "10.0.0.2"), nullptr);  // another peer is not affected
}

TEST_F(connection_table_test, remove_frees_the_slot_and_the_peer) {
  connection_table<fake_connection> table(1, 1);
  fake_connection* only = connect(table, "10.0.0.1");
  table.mark_busy(*only);
  table.remove(*only);
  table.remove(*only);  // idempotent
  EXPECT_EQ(table.size(), 0u);
  EXPECT_EQ(table.count(peer("10.0.0.1")), 0u);
  EXPECT_EQ(table.any(), nullptr);
  EXPECT_NE(connect(table, "10.0.0.1"), nullptr);
  EXPECT_TRUE(evicted.empty());
}

TEST_F(connection_table_test, any_lists_every_connection_until_all_are_removed) {
  connection_table<fake_connection> table(10, 10);
  table.mark_busy(*connect(table, "10.0.0.1"));
  connect(table, "10.0.0.2");
  int removed = 0;
  while (fake_connection* connection = table.any()) {
    table.remove(*connection);
    ++removed;
  }
  EXPECT_EQ(removed, 2);
}

TEST(peer_of, ipv4_and_mapped_ipv4_are_one_peer_ipv6_counts_by_64_prefix) {
  EXPECT_EQ(peer("192.0.2.1"), peer("::ffff:192.0.2.1"));
  EXPECT_NE(peer("192.0.2.1"), peer("192.0.2.2"));
  EXPECT_EQ(peer("2001:db8:1:2::1"), peer("2001:db8:1:2:ffff::9"));
  EXPECT_NE(peer("2001:db8:1:2::1"), peer("2001:db8:1:3::1"));
  // An IPv6 prefix never equals an IPv4 peer.
  EXPECT_NE(peer("::"), peer("0.0.0.0"));
}

}  // namespace
