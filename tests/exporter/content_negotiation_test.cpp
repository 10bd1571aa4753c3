// Tests of Accept / Accept-Encoding negotiation (detail/content_negotiation.hpp).
#include "schemetric/detail/content_negotiation.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using schemetric::exposition_format;
using schemetric::detail::content_type;
using schemetric::detail::format_negotiator;
using schemetric::detail::gzip_acceptable;
using schemetric::detail::negotiate_format;
using schemetric::detail::parse_qvalue;

constexpr auto text = exposition_format::prometheus_text;
constexpr auto openmetrics = exposition_format::openmetrics;

// What Prometheus 2.42 sends on every scrape.
constexpr const char* prometheus_accept =
    "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
    "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

struct accept_case {
  const char* accept;
  exposition_format expected;
};

TEST(content_negotiation, accept_header_picks_the_format) {
  const std::vector<accept_case> cases = {
      {prometheus_accept, openmetrics},
      {"", text},
      {"*/*", text},
      {"text/*", text},
      {"application/*", text},
      {"text/plain", text},
      {"text/plain;version=0.0.4", text},
      {"text/plain; version=0.0.4; charset=utf-8", text},
      {"application/openmetrics-text", openmetrics},
      {"application/openmetrics-text; version=1.0.0", openmetrics},
      {"application/openmetrics-text;version=0.0.1", openmetrics},
      {"application/openmetrics-text;version=\"1.0.0\"", openmetrics},
      {"Application/OpenMetrics-Text;Version=1.0.0", openmetrics},
      // Unknown versions match nothing; the fallback is text.
      {"application/openmetrics-text;version=2.0.0", text},
      {"text/plain;version=1.0.0,application/openmetrics-text;version=9", text},
      // Highest q wins.
      {"text/plain;q=0.5,application/openmetrics-text;q=0.6", openmetrics},
      {"application/openmetrics-text;q=0.5,text/plain;q=0.6", text},
      {"application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5",
       openmetrics},
      // Wildcards never select OpenMetrics, even with the highest q.
      {"*/*;q=1,application/openmetrics-text;q=0.2", openmetrics},
      {"application/json,*/*;q=0.9", text},
      // Ties: the earlier element wins, as in Prometheus' own negotiation.
      {"application/openmetrics-text,text/plain", openmetrics},
      {"text/plain,application/openmetrics-text", text},
      {"text/plain;q=0.5,application/openmetrics-text;q=0.500", text},
      // q=0 excludes.
      {"application/openmetrics-text;q=0", text},
      {"application/openmetrics-text;q=0.000,text/plain;q=0.1", text},
      {"text/plain;q=0,application/openmetrics-text;q=0.001", openmetrics},
      // Malformed q counts as 0 (Prometheus' parser does the same).
      {"application/openmetrics-text;q=abc", text},
      {"application/openmetrics-text;q=1.5", text},
      // Sloppy lists.
      {" , ,application/openmetrics-text , ", openmetrics},
      {"application/openmetrics-text ; version = 1.0.0 ; q = 0.9", openmetrics},
      {"text/plain;foo=\"a,b\";q=0.1,application/openmetrics-text;q=0.2", openmetrics},
      {"garbage", text},
      {";;;,,,/", text},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.accept);
    EXPECT_EQ(negotiate_format(c.accept), c.expected);
  }
}

TEST(content_negotiation, repeated_accept_fields_form_one_list) {
  format_negotiator negotiator;
  negotiator.add_accept("text/plain;q=0.5");
  negotiator.add_accept("application/openmetrics-text;q=0.9");
  EXPECT_EQ(negotiator.format(), openmetrics);
}

// Quality values and the format of a bare media type, checked at compile time.
static_assert(parse_qvalue("1") == 1000);
static_assert(parse_qvalue("1.0") == 1000);
static_assert(parse_qvalue("1.000") == 1000);
static_assert(parse_qvalue("0.5") == 500);
static_assert(parse_qvalue("0.75") == 750);
static_assert(parse_qvalue("0.001") == 1);
static_assert(parse_qvalue("0") == 0);
static_assert(parse_qvalue("0.") == 0);
static_assert(parse_qvalue("1.001") == 0);
static_assert(parse_qvalue("0.0001") == 0);
static_assert(parse_qvalue("2") == 0);
static_assert(parse_qvalue("") == 0);
static_assert(parse_qvalue("0.5x") == 0);
static_assert(negotiate_format("application/openmetrics-text") == openmetrics);

struct encoding_case {
  const char* accept_encoding;
  bool gzip;
};

TEST(content_negotiation, accept_encoding_decides_gzip) {
  const std::vector<encoding_case> cases = {
      {"", false},
      {"gzip", true},
      {"GZIP", true},
      {"x-gzip", true},
      {"gzip, deflate, br", true},
      {"deflate, br", false},
      {"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
      {"gzip;q=0", false},
      {"gzip;q=0.0, identity", false},
      {"identity", false},
      {"identity;q=0", false},  // nothing else acceptable: sent uncompressed anyway
      {"identity;q=0, gzip", true},
      {"*", true},
      {"*;q=0", false},
      {"*;q=0, identity", false},
      {"*, gzip;q=0", false},
      {"gzip;q=0.5", true},  // identity unlisted ranks below any listed coding
      {"gzip;q=0.5, identity;q=0.6", false},
      {"gzip;q=0.6, identity;q=0.5", true},
      {"gzip;q=0.5, identity;q=0.5", true},  // ties favour gzip
      {"*;q=0.5, gzip;q=0.4", false},        // identity takes *'s weight
      {"gzip;q=abc", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.accept_encoding);
    EXPECT_EQ(gzip_acceptable(c.accept_encoding), c.gzip);
  }
}

TEST(content_negotiation, content_types) {
  EXPECT_EQ(content_type(text), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(content_type(openmetrics),
            "application/openmetrics-text; version=1.0.0; charset=utf-8");
}

}  // namespace
