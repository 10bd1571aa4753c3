// Tests of the gzip compressor (detail/http/gzip.hpp): round trips through zlib's inflate.
#include "schemetric/detail/http/gzip.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "test_client.hpp"

namespace {

using schemetric::detail::gzip_compressor;
using schemetric_test::gunzip;

TEST(gzip, round_trips) {
  gzip_compressor compressor;
  std::mt19937 random(42);
  std::string random_bytes(300000, '\0');
  for (char& c : random_bytes) c = static_cast<char>(random() & 0xff);
  std::string metrics;
  for (int i = 0; i < 20000; ++i) {
    metrics +=
        "http_requests_total{route=\"/api/tasks/{id}\",code=\"200\"} " + std::to_string(i) + "\n";
  }
  for (const std::string& input : {std::string(), std::string("a"), metrics, random_bytes}) {
    std::string out;
    compressor.compress(input, out);
    ASSERT_GE(out.size(), 18u);  // gzip header + trailer
    EXPECT_EQ(static_cast<unsigned char>(out[0]), 0x1f);
    EXPECT_EQ(static_cast<unsigned char>(out[1]), 0x8b);
    const auto inflated = gunzip(out);
    ASSERT_TRUE(inflated.has_value());
    EXPECT_EQ(*inflated, input);
  }
}

TEST(gzip, compresses_metric_text) {
  gzip_compressor compressor;
  std::string metrics;
  for (int i = 0; i < 1000; ++i) metrics += "requests_total{code=\"200\"} 12345\n";
  std::string out;
  compressor.compress(metrics, out);
  EXPECT_LT(out.size(), metrics.size() / 10);
}

TEST(gzip, appends_and_reuses_the_buffer) {
  gzip_compressor compressor(9);
  std::string out = "prefix";
  compressor.compress("hello hello hello", out);
  ASSERT_EQ(out.substr(0, 6), "prefix");
  EXPECT_EQ(gunzip(std::string_view(out).substr(6)), "hello hello hello");
  // Reusing the compressor and a buffer that already has capacity.
  for (int i = 0; i < 3; ++i) {
    const std::size_t capacity = out.capacity();
    out.clear();
    compressor.compress("hello hello hello", out);
    EXPECT_EQ(out.capacity(), capacity);
    EXPECT_EQ(gunzip(out), "hello hello hello");
  }
}

TEST(gzip, rejects_bad_levels) {
  EXPECT_THROW(gzip_compressor(10), std::invalid_argument);
  EXPECT_THROW(gzip_compressor(-2), std::invalid_argument);
  EXPECT_NO_THROW(gzip_compressor(-1));
}

}  // namespace
