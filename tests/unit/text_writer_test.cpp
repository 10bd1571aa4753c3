// Byte-exact tests of the Prometheus text 0.0.4 and OpenMetrics 1.0.0 writers.
#include <clocale>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <locale>
#include <sstream>

#include <gtest/gtest.h>

#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

namespace {

using shop::method;
using shop::status;

std::string read_golden(const std::string& name) {
  const std::string path = std::string(SCHEMETRIC_GOLDEN_DIR) + "/" + name;
  std::ifstream file(path, std::ios::binary);
  EXPECT_TRUE(file) << "cannot read " << path;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// Sample data touching every kind and every special value.
void record_sample_data(shop::registry& reg) {
  reg.requests_total({.method = method::get, .status = status::_200}).inc(41);
  reg.requests_total({.method = method::get, .status = status::_200}).inc();
  reg.requests_total({.method = method::post, .status = status::_5_xx__})
      .inc(std::uint64_t{1} << 53);
  reg.cost_dollars_total().inc(0.1);
  reg.cost_dollars_total().inc(0.2);
  auto get_latency = reg.latency_seconds({.method = method::get});
  for (double v : {0.05, 0.1, 0.7, 3.0, 1e6}) get_latency.observe(v);
  reg.up_now().set(-std::numeric_limits<double>::infinity());
  reg.health({.method = method::post}).set(shop::health_state::degraded);
  reg.build_info.set({.version = "1.2.0", .revision = "a\"b\\c\nd"});
}

class text_writer_test : public ::testing::Test {
 protected:
  std::unique_ptr<shop::registry> owner_ = std::make_unique<shop::registry>();
  shop::registry& reg = *owner_;
};

TEST_F(text_writer_test, prometheus_text_matches_golden) {
  record_sample_data(reg);
  const schemetric::text_writer writer(reg);
  std::string out;
  writer.write(out);
  EXPECT_EQ(out, read_golden("shop.prom"));
}

TEST_F(text_writer_test, openmetrics_matches_golden) {
  record_sample_data(reg);
  const schemetric::text_writer writer(reg);
  std::string out;
  writer.write(out, schemetric::exposition_format::openmetrics);
  EXPECT_EQ(out, read_golden("shop.openmetrics"));
}

TEST_F(text_writer_test, fresh_registry_exposes_zero_series_and_no_unset_info) {
  const schemetric::text_writer writer(reg);
  std::string out;
  writer.write(out);
  EXPECT_NE(out.find("requests_total{method=\"POST\",status=\"404\"} 0\n"), std::string::npos);
  EXPECT_NE(out.find("latency_seconds_count{method=\"POST\"} 0\n"), std::string::npos);
  EXPECT_NE(out.find("health{method=\"GET\",health=\"healthy\"} 1\n"), std::string::npos);
  EXPECT_EQ(out.find("build_info{"), std::string::npos);
  EXPECT_NE(out.find("# TYPE build_info gauge\n"), std::string::npos);
}

TEST_F(text_writer_test, appends_to_the_buffer_and_reuses_it) {
  record_sample_data(reg);
  const schemetric::text_writer writer(reg);
  std::string out = "previous\n";
  writer.write(out);
  EXPECT_EQ(out, "previous\n" + read_golden("shop.prom"));
  out.clear();
  writer.write(out);
  EXPECT_EQ(out, read_golden("shop.prom"));
}

TEST_F(text_writer_test, numbers_round_trip) {
  for (double v : {0.1, 1e-7, 123456789.125, 1e21, 5e-324, std::numeric_limits<double>::max()}) {
    std::string text;
    schemetric::detail::append_double(text, v);
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), v) << text;
  }
  std::string text;
  schemetric::detail::append_double(text, std::numeric_limits<double>::quiet_NaN());
  text += ' ';
  schemetric::detail::append_double(text, std::numeric_limits<double>::infinity());
  text += ' ';
  schemetric::detail::append_double(text, -std::numeric_limits<double>::infinity());
  text += ' ';
  schemetric::detail::append_bucket_bound(text, 1);
  text += ' ';
  schemetric::detail::append_bucket_bound(text, 0.25);
  text += ' ';
  schemetric::detail::append_bucket_bound(text, 1e300);
  EXPECT_EQ(text, "NaN +Inf -Inf 1.0 0.25 1e+300");
}

// The decimal point stays '.' whatever the C and C++ locales say.
TEST_F(text_writer_test, output_does_not_depend_on_the_locale) {
  record_sample_data(reg);
  const schemetric::text_writer writer(reg);
  const char* german = std::setlocale(LC_ALL, "de_DE.UTF-8");
  ASSERT_NE(german, nullptr) << "the de_DE.UTF-8 locale is missing: `make deps` creates it "
                                "(localedef -i de_DE -f UTF-8 de_DE.UTF-8)";
  const std::locale previous = std::locale::global(std::locale("de_DE.UTF-8"));
  std::string out;
  writer.write(out);
  std::locale::global(previous);
  std::setlocale(LC_ALL, "C");
  EXPECT_EQ(out, read_golden("shop.prom"));
}

}  // namespace

// What cannot be written as given becomes U+FFFD, byte by byte; escapes are those of the format;
// a label value is cut after the character that reaches max_label_value_bytes.
TEST(escaping, label_values_are_always_valid_utf8) {
  using namespace std::string_literals;
  const auto escaped = [](std::string_view value) {
    std::string out;
    schemetric::detail::append_label_value(out, value);
    return out;
  };
  const std::string fffd = "\xef\xbf\xbd";
  EXPECT_EQ(escaped("a\"b\\c\nd\te"), "a\\\"b\\\\c\\nd\te");
  EXPECT_EQ(escaped("caf\xc3\xa9 \xf0\x9f\x98\x80"), "caf\xc3\xa9 \xf0\x9f\x98\x80");
  EXPECT_EQ(escaped("bad\xff\xfeutf8"), "bad" + fffd + fffd + "utf8");
  EXPECT_EQ(escaped("nul\0cr\r"s), "nul" + fffd + "cr" + fffd);
  EXPECT_EQ(escaped("\xc0\xaf"), fffd + fffd);                        // overlong '/'
  EXPECT_EQ(escaped("\xe0\x80\xaf"), fffd + fffd + fffd);             // overlong, three bytes
  EXPECT_EQ(escaped("\xed\xa0\x80"), fffd + fffd + fffd);             // a surrogate
  EXPECT_EQ(escaped("\xf4\x90\x80\x80"), fffd + fffd + fffd + fffd);  // above U+10FFFF
  EXPECT_EQ(escaped("\xe2\x82"), fffd + fffd);                        // cut short
  EXPECT_EQ(escaped("\xed\x9f\xbf\xf4\x8f\xbf\xbf"), "\xed\x9f\xbf\xf4\x8f\xbf\xbf");  // limits
  const std::size_t cap = schemetric::max_label_value_bytes;
  EXPECT_EQ(escaped(std::string(1 << 20, 'x')), std::string(cap, 'x'));
  // A character that starts before the cap is written whole.
  const std::string straddling = std::string(cap - 1, 'x') + "\xe2\x82\xac" + "tail";
  EXPECT_EQ(escaped(straddling), std::string(cap - 1, 'x') + "\xe2\x82\xac");
  std::string help;
  schemetric::detail::append_help(help, "q\"\xff", false);
  EXPECT_EQ(help, "q\"" + fffd);
}
