// Alert annotation templates: the supported subset parses, the rest is refused with a message
// that lists what is supported, and rendering prints numbers as Prometheus 2.x does.
#include "promql/alert_template.hpp"

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "promql/go_format.hpp"

namespace schemetric::codegen::promql {
namespace {

alert_template parsed(std::string_view text) {
  auto result = parse_alert_template(text);
  if (const auto* error = std::get_if<template_error>(&result)) {
    ADD_FAILURE() << "'" << text << "': " << error->message;
    return {};
  }
  return std::get<alert_template>(result);
}

template_error refused(std::string_view text) {
  auto result = parse_alert_template(text);
  if (std::holds_alternative<alert_template>(result)) {
    ADD_FAILURE() << "'" << text << "' was accepted";
    return {};
  }
  return std::get<template_error>(result);
}

const std::map<std::string, std::string, std::less<>> labels{{"route", "/api/x"},
                                                             {"job", "api"}};

TEST(AlertTemplate, PlainTextHasNoActions) {
  const alert_template t = parsed("More than 5 % of requests fail.");
  EXPECT_FALSE(t.has_actions());
  EXPECT_EQ(render(t, 1, labels), "More than 5 % of requests fail.");
}

TEST(AlertTemplate, ValueAndLabelForms) {
  EXPECT_EQ(render(parsed("{{ $value }}"), 0.25, labels), "0.25");
  EXPECT_EQ(render(parsed("{{$value}}"), 1e6, labels), "1e+06");
  EXPECT_EQ(render(parsed("{{ .Value }}"), 3, labels), "3");
  EXPECT_EQ(render(parsed("{{ $value | humanizePercentage }}"), 0.1234567, labels), "12.35%");
  EXPECT_EQ(render(parsed("{{ humanize $value }}"), 2500, labels), "2.5k");
  EXPECT_EQ(render(parsed("{{ $value | humanizeDuration }}"), 90, labels), "1m 30s");
  EXPECT_EQ(render(parsed("{{ $value | humanize1024 }}"), 2048, labels), "2ki");
  EXPECT_EQ(render(parsed("{{ printf \"%.2f\" $value }} s"), 1.005, labels), "1.00 s");
  EXPECT_EQ(render(parsed("on {{ $labels.route }} of {{ .Labels.job }}"), 0, labels),
            "on /api/x of api");
  EXPECT_EQ(render(parsed("[{{ $labels.missing }}]"), 0, labels), "[]");
}

TEST(AlertTemplate, TrimMarkers) {
  EXPECT_EQ(render(parsed("a  {{- $value -}}  b"), 1, labels), "a1b");
}

TEST(AlertTemplate, LabelNamesInOrder) {
  const alert_template t = parsed("{{ $labels.b }} {{ $value }} {{ $labels.a }} {{ $labels.b }}");
  EXPECT_EQ(t.label_names(), (std::vector<std::string>{"b", "a", "b"}));
}

TEST(AlertTemplate, UnsupportedActionsAreRefusedWithTheirOffset) {
  const template_error pipe = refused("rate is {{ $value | toUpper }}");
  EXPECT_EQ(pipe.offset, 8U);
  EXPECT_NE(pipe.message.find("unsupported template action '{{ $value | toUpper }}'"),
            std::string::npos);
  EXPECT_NE(pipe.message.find("humanizePercentage"), std::string::npos);
  EXPECT_NE(refused("{{ if gt $value 1.0 }}x{{ end }}").message.find("unsupported"),
            std::string::npos);
  EXPECT_NE(refused("{{ $value").message.find("without a matching '}}'"), std::string::npos);
  EXPECT_NE(refused("x }} y").message.find("without a matching '{{'"), std::string::npos);
  EXPECT_NE(refused("{{ printf \"%d\" $value }}").message.find("unsupported printf format"),
            std::string::npos);
  refused("{{ $labels.9x }}");
  refused("{{ $labels }}");
}

TEST(GoFormat, ValueLikeGosPercentV) {
  EXPECT_EQ(go_value(0.1), "0.1");
  EXPECT_EQ(go_value(123456), "123456");
  EXPECT_EQ(go_value(1234567), "1.234567e+06");
  EXPECT_EQ(go_value(1e-5), "1e-05");
  EXPECT_EQ(go_value(0.0001), "0.0001");
  EXPECT_EQ(go_value(19.99999999999998), "19.99999999999998");
  EXPECT_EQ(go_value(-2.5), "-2.5");
  EXPECT_EQ(go_value(1.0 / 0.0), "+Inf");
}

TEST(GoFormat, HumanizeFamily) {
  EXPECT_EQ(humanize(0), "0");
  EXPECT_EQ(humanize(0.1), "100m");
  EXPECT_EQ(humanize(1234567), "1.235M");
  EXPECT_EQ(humanize_percentage(0.05), "5%");
  EXPECT_EQ(humanize_duration(0.25), "250ms");
  EXPECT_EQ(humanize_duration(2.5), "2.5s");
  EXPECT_EQ(humanize_duration(93784), "1d 2h 3m 4s");
  EXPECT_EQ(humanize_duration(0), "0s");
}

}  // namespace
}  // namespace schemetric::codegen::promql
