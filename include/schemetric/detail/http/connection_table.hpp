// The exporter's open connections: per-peer counts and which connection to evict at a limit.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <list>
#include <string_view>
#include <unordered_map>

#include <asio/ip/address.hpp>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// Who a connection comes from, for the per-peer limit: an IPv4 address, or the /64 prefix of
/// an IPv6 address (one host or site usually holds a whole /64, so counting single IPv6
/// addresses would let it open a connection per address). An IPv4-mapped IPv6 address counts
/// as its IPv4 address.
struct peer_key {
  std::array<unsigned char, 16> bytes{};

  friend bool operator==(const peer_key&, const peer_key&) = default;
};

/// The peer of a remote address. Never throws.
inline peer_key peer_of(const asio::ip::address& address) noexcept {
  peer_key key;
  if (address.is_v6() && !address.to_v6().is_v4_mapped()) {
    const auto bytes = address.to_v6().to_bytes();
    std::memcpy(key.bytes.data(), bytes.data(), 8);  // the /64 prefix; the rest stays zero
    key.bytes[15] = 6;  // cannot collide with an IPv4 key: those have 0xff in bytes 10-11
    return key;
  }
  const auto v4 = address.is_v4() ? address.to_v4()
                                  : asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  const auto bytes = v4.to_bytes();
  key.bytes[10] = 0xff;
  key.bytes[11] = 0xff;
  std::memcpy(key.bytes.data() + 12, bytes.data(), 4);
  return key;
}

struct peer_key_hash {
  std::size_t operator()(const peer_key& key) const noexcept {
    return std::hash<std::string_view>()(
        std::string_view(reinterpret_cast<const char*>(key.bytes.data()), key.bytes.size()));
  }
};

/// A connection's place in a connection_table; `Connection` holds one as its public member
/// `table_entry`, which only the table touches.
template <class Connection>
struct connection_table_entry {
  typename std::list<Connection*>::iterator position;      ///< in the table's waiting or busy list
  std::pair<const peer_key, std::size_t>* peer = nullptr;  ///< the peer's open-connection count
  bool waiting = false;
  bool listed = false;
};

/// The open connections of one listener and the policy that keeps scrapers served when
/// hostile clients hold connections:
///
/// - A connection is *waiting* from its accept until a complete request head arrived, and
///   again from the end of a response until the next head is complete (idle keep-alive, or a
///   head trickling in); otherwise it is *busy* (being answered). Waiting connections are kept
///   in the order they started waiting.
/// - A new connection from a peer that has `max_per_peer` open connections evicts that peer's
///   longest-waiting connection; if all of them are busy, the new one is refused.
/// - A new connection when `max_connections` are open evicts, among the waiting connections,
///   one of the peer that holds the most connections, the longest-waiting of those; if every
///   connection is busy, the new one is refused.
/// So a client that connects and sends its request at once is served while other clients only
/// hold connections: they are evicted first, and one peer cannot take another's connections
/// while it has its own to give up.
///
/// Cost: admission is O(1) below the limits and O(open connections) at a limit; add, remove and
/// the state changes are O(1) and allocate only in add() (a list node, a new peer's count).
/// Thread safety: none; the listener calls it under its lock. Lifetime: connections must be
/// removed before they are destroyed.
template <class Connection>
class connection_table {
 public:
  /// Both limits at least 1 (the exporter validates its options).
  connection_table(std::size_t max_connections, std::size_t max_per_peer)
      : max_connections_(max_connections), max_per_peer_(max_per_peer) {}
  connection_table(const connection_table&) = delete;
  connection_table& operator=(const connection_table&) = delete;

  /// The decision for a new connection: admit it (after closing `evict` when not null) or not.
  struct admission {
    bool admit = true;
    Connection* evict = nullptr;
  };

  /// Decides about a new connection from `peer`; changes nothing.
  admission admit(const peer_key& peer) const {
    const auto found = peers_.find(peer);
    if (found != peers_.end() && found->second >= max_per_peer_) {
      for (Connection* connection : waiting_) {
        if (connection->table_entry.peer == &*found) return {true, connection};
      }
      return {false, nullptr};
    }
    if (size_ < max_connections_) return {true, nullptr};
    Connection* victim = nullptr;
    std::size_t victim_peer_count = 0;
    for (Connection* connection : waiting_) {  // oldest first: ties go to the longest waiting
      const std::size_t count = connection->table_entry.peer->second;
      if (count > victim_peer_count) {
        victim = connection;
        victim_peer_count = count;
      }
    }
    return {victim != nullptr, victim};
  }

  /// Lists an admitted connection as waiting. Throws std::bad_alloc (then nothing changed).
  void add(Connection& connection, const peer_key& peer) {
    auto& entry = connection.table_entry;
    entry.position = waiting_.insert(waiting_.end(), &connection);
    try {
      entry.peer = &*peers_.try_emplace(peer, 0).first;
    } catch (...) {
      waiting_.erase(entry.position);
      throw;
    }
    ++entry.peer->second;
    entry.waiting = true;
    entry.listed = true;
    ++size_;
  }

  /// The connection now waits for a request head: it becomes the most recent to wait.
  void mark_waiting(Connection& connection) noexcept {
    auto& entry = connection.table_entry;
    if (!entry.listed || entry.waiting) return;
    waiting_.splice(waiting_.end(), busy_, entry.position);
    entry.waiting = true;
  }

  /// The connection is answering a request: it cannot be evicted until it waits again.
  void mark_busy(Connection& connection) noexcept {
    auto& entry = connection.table_entry;
    if (!entry.listed || !entry.waiting) return;
    busy_.splice(busy_.end(), waiting_, entry.position);
    entry.waiting = false;
  }

  /// Forgets the connection (it closed); its slot is free at once. Idempotent.
  void remove(Connection& connection) noexcept {
    auto& entry = connection.table_entry;
    if (!entry.listed) return;
    (entry.waiting ? waiting_ : busy_).erase(entry.position);
    if (--entry.peer->second == 0) {
      const peer_key key = entry.peer->first;  // erase(key) must not read the erased element
      peers_.erase(key);
    }
    entry.peer = nullptr;
    entry.listed = false;
    --size_;
  }

  /// Open connections.
  std::size_t size() const noexcept { return size_; }
  /// Open connections of `peer`.
  std::size_t count(const peer_key& peer) const noexcept {
    const auto found = peers_.find(peer);
    return found == peers_.end() ? 0 : found->second;
  }
  /// Any open connection (the longest-waiting first, then the busy ones), nullptr when none.
  Connection* any() const noexcept {
    if (!waiting_.empty()) return waiting_.front();
    return busy_.empty() ? nullptr : busy_.front();
  }

 private:
  std::size_t max_connections_;
  std::size_t max_per_peer_;
  std::size_t size_ = 0;
  std::list<Connection*> waiting_;  // longest waiting first
  std::list<Connection*> busy_;
  std::unordered_map<peer_key, std::size_t, peer_key_hash> peers_;
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
