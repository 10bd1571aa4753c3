// Tests of the keyword tables and the table of tracker kinds: each enum has exactly one keyword
// per enumerator, the enums match the library's, and the JSON Schema for editors lists the same
// keywords and roles (schema/schemetric.schema.json), so the three cannot drift apart.
#include "model/keywords.hpp"

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <schemetric/metric_kind.hpp>
#include <schemetric/tracker.hpp>

#include "model/tracker_kinds.hpp"
#include "schema_support.hpp"

#ifndef SCHEMETRIC_JSON_SCHEMA
#error "SCHEMETRIC_JSON_SCHEMA must name schema/schemetric.schema.json"
#endif

namespace schemetric::codegen {
namespace {

// The generator's enums have the library's enumerators in the library's order: the C++ emitter
// prints keywords the library must understand.
template <class Generator, class Library>
constexpr bool same_enumerator(Generator generator, Library library) {
  return static_cast<int>(generator) == static_cast<int>(library);
}
static_assert(same_enumerator(metric_kind::counter, schemetric::metric_kind::counter));
static_assert(same_enumerator(metric_kind::gauge, schemetric::metric_kind::gauge));
static_assert(same_enumerator(metric_kind::histogram, schemetric::metric_kind::histogram));
static_assert(same_enumerator(metric_kind::stateset, schemetric::metric_kind::stateset));
static_assert(same_enumerator(metric_kind::info, schemetric::metric_kind::info));
static_assert(same_enumerator(metric_kind::summary, schemetric::metric_kind::summary));
static_assert(same_enumerator(tracker_kind::http, schemetric::tracker_kind::http));
static_assert(same_enumerator(tracker_kind::db, schemetric::tracker_kind::db));
static_assert(same_enumerator(tracker_kind::ai, schemetric::tracker_kind::ai));
static_assert(same_enumerator(tracker_kind::cache, schemetric::tracker_kind::cache));
static_assert(same_enumerator(tracker_kind::integration, schemetric::tracker_kind::integration));
static_assert(same_enumerator(tracker_kind::mcp, schemetric::tracker_kind::mcp));
static_assert(metric_kind_keywords.entries.size() == 6 && tracker_kinds.size() == 6);

// A tracker's error label must have a value for every category the library's classifier
// returns, spelled as the library spells them.
static_assert([] {
  if (error_label_values.size() != schemetric::error_class_names.size()) return false;
  for (std::size_t i = 0; i < error_label_values.size(); ++i) {
    if (error_label_values[i] != schemetric::error_class_names[i]) return false;
  }
  return true;
}());

// Every enumerator has one keyword, and the table finds it both ways.
template <class Table>
void expect_one_keyword_each(const Table& table, int enumerators) {
  std::set<int> values;
  std::set<std::string_view> texts;
  for (const auto& entry : table.entries) {
    values.insert(static_cast<int>(entry.value));
    texts.insert(entry.text);
    EXPECT_EQ(table.find(entry.text), entry.value) << entry.text;
    EXPECT_EQ(table.text(entry.value), entry.text);
  }
  EXPECT_EQ(values.size(), static_cast<std::size_t>(enumerators));
  EXPECT_EQ(texts.size(), table.entries.size());
  EXPECT_EQ(*values.rbegin(), enumerators - 1);
  EXPECT_EQ(table.find("no such keyword"), std::nullopt);
}

TEST(Keywords, OneKeywordPerEnumerator) {
  expect_one_keyword_each(metric_kind_keywords, 6);
  expect_one_keyword_each(label_kind_keywords, 5);
  expect_one_keyword_each(metric_value_keywords, 2);
  expect_one_keyword_each(tracker_kind_keywords, 6);
}

TEST(TrackerKinds, EveryKindHasTheCommonRolesAndAnOutcomeRule) {
  for (const tracker_kind_info& kind : tracker_kinds) {
    for (const metric_role role : {metric_role::duration, metric_role::count,
                                   metric_role::in_progress, metric_role::errors}) {
      EXPECT_TRUE(allows(kind.kind, role)) << kind.keyword;
    }
    EXPECT_TRUE(allows(kind.kind, label_role::outcome));
    EXPECT_TRUE(allows(kind.kind, label_role::error));
    EXPECT_NE(kind.outcome.status_label, !kind.outcome.values.empty()) << kind.keyword;
    EXPECT_FALSE(kind.operation.empty());
  }
  EXPECT_TRUE(allows(tracker_kind::http, metric_role::request_size));
  EXPECT_FALSE(allows(tracker_kind::db, metric_role::request_size));
  EXPECT_TRUE(allows(tracker_kind::ai, label_role::token));
  EXPECT_FALSE(allows(tracker_kind::cache, metric_role::tokens));
}

// --- the JSON Schema for editors --------------------------------------------------------------

const nlohmann::json& json_schema() {
  static const nlohmann::json schema = [] {
    std::ifstream file(SCHEMETRIC_JSON_SCHEMA);
    return nlohmann::json::parse(file);
  }();
  return schema;
}

const nlohmann::json& definition(const std::string& name) {
  return json_schema().at("$defs").at(name);
}

template <std::size_t Size>
std::vector<std::string> as_strings(const std::array<std::string_view, Size>& words) {
  return {words.begin(), words.end()};
}

TEST(JsonSchema, EnumsAreTheKeywordTables) {
  using words = std::vector<std::string>;
  EXPECT_EQ(definition("metric").at("properties").at("type").at("enum").get<words>(),
            as_strings(metric_kind_keywords.texts()));
  EXPECT_EQ(definition("metric").at("properties").at("value").at("enum").get<words>(),
            as_strings(metric_value_keywords.texts()));
  EXPECT_EQ(definition("label").at("properties").at("kind").at("enum").get<words>(),
            as_strings(label_kind_keywords.texts()));
  EXPECT_EQ(definition("tracker").at("properties").at("kind").at("enum").get<words>(),
            as_strings(tracker_kind_keywords.texts()));
}

TEST(JsonSchema, TrackerKeysAreTheRoles) {
  std::set<std::string> roles{"kind", "help", "labels"};
  for (const metric_role_info& role : metric_roles) roles.insert(std::string{role.key});
  for (const label_role_info& role : label_roles) roles.insert(std::string{role.key});
  std::set<std::string> keys;
  for (const auto& [key, value] : definition("tracker").at("properties").items()) keys.insert(key);
  EXPECT_EQ(keys, roles);

  // Keys that need another: a metric the tracker sets a label on needs that label, a label the
  // tracker sets needs its metric.
  std::map<std::string, std::vector<std::string>> needs;
  for (const metric_role_info& role : metric_roles) {
    if (role.label_required) needs[std::string{role.key}] = {std::string{info(*role.label).key}};
  }
  for (const label_role_info& role : label_roles) {
    if (role.needs_metric) needs[std::string{role.key}] = {std::string{info(role.metric).key}};
  }
  EXPECT_EQ(definition("tracker").at("dependentRequired").get<decltype(needs)>(), needs);
}

TEST(JsonSchema, RolesOfOneKindAreForbiddenOnTheOthers) {
  // The table: the roles only one kind allows.
  std::map<std::string, std::set<std::string>> only_on;
  const auto note_if_only_one = [&](auto role, std::string_view key) {
    std::vector<std::string_view> kinds;
    for (const tracker_kind_info& kind : tracker_kinds) {
      if (allows(kind.kind, role)) kinds.push_back(kind.keyword);
    }
    if (kinds.size() == 1) only_on[std::string{kinds[0]}].insert(std::string{key});
  };
  for (const metric_role_info& role : metric_roles) note_if_only_one(role.role, role.key);
  for (const label_role_info& role : label_roles) note_if_only_one(role.role, role.key);
  // The JSON Schema: "if kind is not K then none of these keys".
  std::map<std::string, std::set<std::string>> forbidden_unless;
  for (const nlohmann::json& rule : definition("tracker").at("allOf")) {
    const std::string kind = rule.at("if").at("properties").at("kind").at("not").at("const");
    for (const nlohmann::json& key : rule.at("then").at("not").at("anyOf")) {
      forbidden_unless[kind].insert(key.at("required").at(0).get<std::string>());
    }
  }
  EXPECT_EQ(forbidden_unless, only_on);
}

// A name the JSON Schema rejects must be one the generator rejects too: an editor must never
// flag a schema schemetric-gen accepts.
TEST(JsonSchema, ReservedNamesAreRejectedByTheGenerator) {
  using words = std::vector<std::string>;
  const auto reserved_in = [](const nlohmann::json& name_schema) {
    for (const nlohmann::json& part : name_schema.at("allOf")) {
      if (part.contains("not") && part.at("not").contains("enum")) {
        return part.at("not").at("enum").get<words>();
      }
    }
    return words{};
  };
  const auto reserved = [&](const std::string& name) { return reserved_in(definition(name)); };
  const auto rejected = [](const std::string& yaml) { return !testing::errors_of(yaml).empty(); };
  const std::string head = "schemetric: 1\nname: svc\n";
  for (const std::string& name : reserved("label_name")) {
    EXPECT_TRUE(rejected(head + "labels:\n  " + name + ": {values: [a]}\nmetrics:\n  up: {type: "
                                                       "gauge, help: Up., labels: [" +
                         name + "]}\n"))
        << name;
  }
  for (const std::string& name : reserved("metric_name")) {
    EXPECT_TRUE(rejected(head + "metrics:\n  " + name + ": {type: gauge, help: M.}\n")) << name;
  }
  for (const std::string& name : reserved("tracker_name")) {
    EXPECT_TRUE(rejected(head + "metrics:\n  d_seconds: {type: histogram, unit: seconds, help: "
                                "D., buckets: [1]}\ntrackers:\n  " +
                         name + ": {kind: http, duration: d_seconds}\n"))
        << name;
  }
  for (const std::string& name : reserved_in(json_schema().at("properties").at("name"))) {
    EXPECT_TRUE(rejected("schemetric: 1\nname: " + name +
                         "\nmetrics:\n  up: {type: gauge, help: Up.}\n"))
        << name;
  }
}

}  // namespace
}  // namespace schemetric::codegen
