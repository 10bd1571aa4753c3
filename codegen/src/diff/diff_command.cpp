// `schemetric-gen diff OLD.yaml NEW.yaml`.
#include "diff/diff_command.hpp"

#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "diff/schema_diff.hpp"
#include "driver/pipeline.hpp"
#include "model/limits.hpp"
#include "support/diagnostics.hpp"
#include "support/file_io.hpp"

namespace schemetric::codegen {
namespace {

constexpr std::string_view diff_usage_text =
    "Usage: schemetric-gen diff OLD.yaml NEW.yaml [--allow KIND[:SUBJECT]]...\n";

constexpr std::string_view diff_help_text =
    "\n"
    "Lists the changes from OLD to NEW, two versions of a schema: breaking ones (what\n"
    "dashboards, alerts, rules and stored series rely on) as errors, safe ones as notes, each\n"
    "at its position in NEW (in OLD for what was removed) and tagged [KIND:SUBJECT].\n"
    "\n"
    "Options:\n"
    "  --allow KIND           accept every breaking change of KIND (e.g. metric-removed)\n"
    "  --allow KIND:SUBJECT   accept one (e.g. metric-removed:jobs_total)\n"
    "  -h, --help             show this help and exit\n"
    "\n"
    "Exit status: 0 without breaking changes (or all allowed), 1 with breaking changes, 2 on a\n"
    "bad command line or a schema that cannot be read or has errors.\n";

int diff_usage_error(std::ostream& err, std::string_view message) {
  err << "schemetric-gen diff: error: " << message << "\n"
      << diff_usage_text << "Run 'schemetric-gen diff --help' for more information.\n";
  return exit_diff_failed;
}

struct diff_options {
  std::vector<std::string> schemas;
  std::vector<std::string> allowed;
  bool help = false;
};

std::optional<std::string> parse_diff_options(std::span<const std::string_view> arguments,
                                              diff_options& parsed) {
  bool only_operands = false;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view argument = arguments[i];
    if (only_operands || argument == "-" || !argument.starts_with("-")) {
      parsed.schemas.emplace_back(argument);
    } else if (argument == "--") {
      only_operands = true;
    } else if (argument == "--help" || argument == "-h") {
      parsed.help = true;
    } else if (argument.starts_with("--allow=")) {
      parsed.allowed.emplace_back(argument.substr(8));
    } else if (argument == "--allow") {
      if (i + 1 == arguments.size()) return "option '--allow' needs a value";
      parsed.allowed.emplace_back(arguments[++i]);
    } else {
      return fmt::format("unknown option '{}'", argument);
    }
  }
  if (std::any_of(parsed.allowed.begin(), parsed.allowed.end(),
                  [](const std::string& a) { return a.empty(); })) {
    return "option '--allow' needs a non-empty value";
  }
  if (!parsed.help && parsed.schemas.size() != 2) {
    return fmt::format("give two schemas, the old one and the new one ({} given)",
                       parsed.schemas.size());
  }
  return std::nullopt;
}

// The schema at `path`, read and checked as a generator run would; its errors go to `err`.
std::optional<checked_schema> read_checked(const std::string& path, std::ostream& err) {
  const file_contents input = read_text_file(path, limits::file_bytes);
  if (input.error) {
    err << path << ": error: cannot read: " << *input.error << "\n";
    return std::nullopt;
  }
  diagnostics diags(path);
  std::optional<checked_schema> checked = check_schema(input.text, {}, diags);
  err << diags.format();
  return checked;
}

}  // namespace

int run_diff(std::span<const std::string_view> arguments, std::ostream& out, std::ostream& err) {
  diff_options parsed;
  if (const std::optional<std::string> problem = parse_diff_options(arguments, parsed)) {
    return diff_usage_error(err, *problem);
  }
  if (parsed.help) {
    out << diff_usage_text << diff_help_text;
    return exit_no_breaking_change;
  }
  const std::string& old_path = parsed.schemas[0];
  const std::string& new_path = parsed.schemas[1];
  const std::optional<checked_schema> old_schema = read_checked(old_path, err);
  const std::optional<checked_schema> new_schema = read_checked(new_path, err);
  if (!old_schema || !new_schema) return exit_diff_failed;

  std::size_t breaking = 0;
  std::size_t allowed = 0;
  std::size_t safe = 0;
  std::vector<bool> allow_used(parsed.allowed.size(), false);
  for (const schema_change& change : diff_schemas(old_schema->model, new_schema->model)) {
    std::string_view severity = "note";
    if (change.breaking) {
      severity = "error";
      for (std::size_t i = 0; i < parsed.allowed.size(); ++i) {
        if (allows(parsed.allowed[i], change)) {
          allow_used[i] = true;
          severity = "warning";
        }
      }
      ++(severity == "error" ? breaking : allowed);
    } else {
      ++safe;
    }
    const std::string& file = change.side == change_side::old_schema ? old_path : new_path;
    out << format_diagnostic(file, {change.position, change.message}, severity) << " ["
        << change.kind << ':' << change.subject << "]\n";
  }
  for (std::size_t i = 0; i < parsed.allowed.size(); ++i) {
    if (!allow_used[i]) {
      err << "schemetric-gen diff: note: --allow " << parsed.allowed[i]
          << " matches no breaking change\n";
    }
  }
  out << fmt::format("schemetric-gen diff: {} breaking, {} allowed, {} safe\n", breaking, allowed,
                     safe);
  return breaking > 0 ? exit_breaking_change : exit_no_breaking_change;
}

}  // namespace schemetric::codegen
