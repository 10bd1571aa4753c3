// Parses the exporter's listen address (SCHEMETRIC_LISTEN=host:port or [ipv6]:port).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// A host (without brackets) and a port.
struct listen_address {
  std::string host;
  std::uint16_t port = 0;
};

/// Parses `host:port`, `[ipv6]:port` or `:port` (host left empty: keep the default host).
/// The host is a name or address without whitespace, `[`, `]` or (unbracketed) `:`; the port
/// is 1-5 decimal digits up to 65535 (0 = ephemeral). Returns nullopt when malformed.
/// Never throws except std::bad_alloc. Thread safety: a pure function.
inline std::optional<listen_address> parse_listen_address(std::string_view text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view host = text.substr(0, colon);
  const std::string_view port_text = text.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5) return std::nullopt;
  std::uint32_t port = 0;
  for (const char c : port_text) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (port > 65535) return std::nullopt;
  if (!host.empty() && host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return std::nullopt;
    host = host.substr(1, host.size() - 2);
    if (host.find(':') == std::string_view::npos) return std::nullopt;  // brackets: IPv6 only
    for (const char c : host) {
      const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      // hex digits, ':', '.', and '%' with a zone (fe80::1%eth0) for link-local addresses
      if (!hex && c != ':' && c != '.' && c != '%' && !(c >= 'g' && c <= 'z') &&
          !(c >= 'G' && c <= 'Z') && c != '_' && c != '-') {
        return std::nullopt;
      }
    }
  } else {
    for (const char c : host) {
      const auto u = static_cast<unsigned char>(c);
      if (u <= 0x20 || u >= 0x7f || c == ':' || c == '[' || c == ']' || c == '/') {
        return std::nullopt;
      }
    }
  }
  return listen_address{std::string(host), static_cast<std::uint16_t>(port)};
}

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
