// The schemetric-gen command line: arguments in, files and messages out, an exit status back.
#include "driver/cli.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analysis/cardinality.hpp"
#include "diff/diff_command.hpp"
#include "driver/pipeline.hpp"
#include "emit/emitter.hpp"
#include "model/limits.hpp"
#include "support/diagnostics.hpp"
#include "support/file_io.hpp"
#include "support/text.hpp"

#ifndef SCHEMETRIC_GEN_VERSION
#error "SCHEMETRIC_GEN_VERSION must be defined by the build (the project version)"
#endif

namespace schemetric::codegen {
namespace {

constexpr std::string_view usage_text =
    "Usage: schemetric-gen SCHEMA.yaml --out-dir DIR [--emit LIST] [--verbose] [--cardinality]\n"
    "       schemetric-gen SCHEMA.yaml --header FILE [--verbose] [--cardinality]\n"
    "       schemetric-gen diff OLD.yaml NEW.yaml [--allow KIND[:SUBJECT]]...\n"
    "       schemetric-gen --list-emitters | --help | --version\n";

constexpr std::string_view options_text =
    "\n"
    "Generates the outputs of a schemetric metric schema (format version 1).\n"
    "\n"
    "Options:\n"
    "  --emit LIST       the outputs to write, comma-separated (default: cpp)\n"
    "  --out-dir DIR     write each output into DIR, named after the schema's name\n"
    "  --header FILE     write the C++ header to exactly FILE (the cpp output alone)\n"
    "  --verbose         report each file written\n"
    "  --cardinality     print the worst-case series of every metric and their total\n"
    "  --list-emitters   print each output's name and files, and exit\n"
    "  -h, --help        show this help and exit\n"
    "  --version         show the version and exit\n";

constexpr std::string_view closing_text =
    "\n"
    "The schema is validated completely, with the checks of every output asked for, before\n"
    "anything is written; every error is reported as FILE:LINE:COLUMN: error: MESSAGE. The\n"
    "outputs of a run are written all or none, each file replaced atomically. A schema whose\n"
    "worst case exceeds its 'max_series' budget is an error.\n"
    "\n"
    "Exit status: 0 on success, 1 if the schema has errors or a file cannot be read or\n"
    "written, 2 on a bad command line.\n";

struct options {
  std::optional<std::string> schema_path;
  std::optional<std::string> out_dir;
  std::optional<std::string> header;
  std::optional<std::string> emit;
  bool verbose = false;
  bool cardinality = false;
  bool list_emitters = false;
  bool help = false;
  bool version = false;
};

// The outputs section of --help: each emitter, its files and what it writes.
std::string outputs_help() {
  std::string text = "\nOutputs ({name} is the schema's name):\n";
  for (const emitter& output : emitters()) {
    std::string files;
    for (const std::string_view pattern : output.outputs) {
      files += files.empty() ? "" : " ";
      files += pattern;
    }
    text += fmt::format("  {:<6}{:<20}  {}\n", output.name, files, output.description);
  }
  return text;
}

// "cpp {name}_metrics.hpp" per line: what schemetric_generate() must agree with.
std::string emitter_list() {
  std::string text;
  for (const emitter& output : emitters()) {
    text += output.name;
    for (const std::string_view pattern : output.outputs) text += fmt::format(" {}", pattern);
    text += '\n';
  }
  return text;
}

int usage_error(std::ostream& err, std::string_view message) {
  err << "schemetric-gen: error: " << message << "\n"
      << usage_text << "Run 'schemetric-gen --help' for more information.\n";
  return exit_usage_error;
}

// The flag `argument` names, or nullptr.
bool* flag_of(std::string_view argument, options& parsed) {
  if (argument == "--help" || argument == "-h") return &parsed.help;
  if (argument == "--version") return &parsed.version;
  if (argument == "--verbose") return &parsed.verbose;
  if (argument == "--cardinality") return &parsed.cardinality;
  if (argument == "--list-emitters") return &parsed.list_emitters;
  return nullptr;
}

// The option with a value `name` names, or nullptr.
std::optional<std::string>* valued_option_of(std::string_view name, options& parsed) {
  if (name == "--out-dir") return &parsed.out_dir;
  if (name == "--header") return &parsed.header;
  if (name == "--emit") return &parsed.emit;
  return nullptr;
}

// Parses the arguments; returns an error message for a bad command line.
std::optional<std::string> parse_options(std::span<const std::string_view> arguments,
                                         options& parsed) {
  bool only_operands = false;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view argument = arguments[i];
    if (only_operands || argument == "-" || !argument.starts_with("-")) {
      if (parsed.schema_path) {
        return fmt::format("more than one schema given ('{}' and '{}'); give exactly one",
                           *parsed.schema_path, argument);
      }
      parsed.schema_path = std::string{argument};
    } else if (argument == "--") {
      only_operands = true;
    } else if (bool* flag = flag_of(argument, parsed)) {
      *flag = true;
    } else {
      // --out-dir DIR, --out-dir=DIR, and so on.
      const std::size_t equals = argument.find('=');
      const std::string_view name = argument.substr(0, equals);
      std::optional<std::string>* target = valued_option_of(name, parsed);
      if (target == nullptr) return fmt::format("unknown option '{}'", name);
      if (*target) return fmt::format("option '{}' given twice", name);
      if (equals != std::string_view::npos) {
        *target = std::string{argument.substr(equals + 1)};
      } else if (i + 1 < arguments.size()) {
        *target = std::string{arguments[++i]};
      } else {
        return fmt::format("option '{}' needs a value", name);
      }
      if ((*target)->empty()) return fmt::format("option '{}' needs a non-empty value", name);
    }
  }
  return std::nullopt;
}

// The emitters `list` names ("cpp,rules"), or why it names none.
std::optional<std::string> select_emitters(std::string_view list,
                                           std::vector<const emitter*>& selected) {
  std::vector<std::string_view> available;
  for (const emitter& output : emitters()) available.push_back(output.name);
  while (true) {
    const std::size_t comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    const emitter* found = find_emitter(name);
    if (name.empty()) return "--emit has an empty name in its list; separate names by one ','";
    if (found == nullptr) {
      return fmt::format("unknown output '{}' in --emit{}; the outputs are {}", name,
                         did_you_mean(name, available), quoted_or_list(available));
    }
    if (std::find(selected.begin(), selected.end(), found) != selected.end()) {
      return fmt::format("output '{}' is listed twice in --emit", name);
    }
    selected.push_back(found);
    if (comma == std::string_view::npos) return std::nullopt;
    list.remove_prefix(comma + 1);
  }
}

// The usage problem of a command line that names a schema, or nothing.
std::optional<std::string> check_outputs(const options& parsed,
                                         std::span<const emitter* const> selected) {
  if (parsed.out_dir && parsed.header) return "give either --out-dir or --header, not both";
  if (!parsed.out_dir && !parsed.header) {
    return "no output given; use --out-dir DIR or --header FILE";
  }
  if (parsed.header && (selected.size() != 1 || selected.front()->name != "cpp")) {
    return "--header writes the C++ header alone; use --out-dir DIR with --emit";
  }
  return std::nullopt;
}

// Generates and writes the outputs; the exit status.
int generate(const options& parsed, std::span<const emitter* const> selected, std::ostream& out,
             std::ostream& err) {
  const std::string& schema_path = *parsed.schema_path;
  const file_contents input = read_text_file(schema_path, limits::file_bytes);
  if (input.error) {
    err << schema_path << ": error: cannot read: " << *input.error << "\n";
    return exit_schema_error;
  }
  diagnostics diags(schema_path);
  const std::optional<checked_schema> checked = check_schema(input.text, selected, diags);
  if (!checked) {
    err << diags.format();
    return exit_schema_error;
  }
  std::vector<planned_outputs> plan =
      plan_outputs(checked->model.name, selected, parsed.out_dir.value_or(""));
  if (parsed.header) plan.front().paths = {std::filesystem::path{*parsed.header}};
  const std::vector<file_to_write> files =
      emit_outputs(*checked, plan, schema_path, SCHEMETRIC_GEN_VERSION);
  if (const std::optional<write_failure> failure = write_files_atomically(files)) {
    err << failure->path.string() << ": error: cannot write: " << failure->reason << "\n";
    return exit_schema_error;
  }
  if (parsed.verbose) {
    for (const file_to_write& file : files) {
      out << "schemetric-gen: wrote " << file.path.string() << " (" << checked->model.metrics.size()
          << " metrics, " << checked->model.labels.size() << " labels)\n";
    }
  }
  if (parsed.cardinality) {
    out << format_cardinality_table(checked->model, checked->analysis.cardinality);
  }
  return exit_success;
}

}  // namespace

int run_cli(std::span<const std::string_view> arguments, std::ostream& out, std::ostream& err) {
  // A schema file named 'diff' is given as './diff'.
  if (!arguments.empty() && arguments.front() == "diff") {
    return run_diff(arguments.subspan(1), out, err);
  }
  options parsed;
  if (const std::optional<std::string> problem = parse_options(arguments, parsed)) {
    return usage_error(err, *problem);
  }
  if (parsed.help) {
    out << usage_text << options_text << outputs_help() << closing_text;
    return exit_success;
  }
  if (parsed.version) {
    out << "schemetric-gen " << SCHEMETRIC_GEN_VERSION << "\n";
    return exit_success;
  }
  if (parsed.list_emitters) {
    out << emitter_list();
    return exit_success;
  }
  std::vector<const emitter*> selected;
  if (const std::optional<std::string> problem =
          select_emitters(parsed.emit.value_or("cpp"), selected)) {
    return usage_error(err, *problem);
  }
  if (!parsed.schema_path) return usage_error(err, "no schema file given");
  if (const std::optional<std::string> problem = check_outputs(parsed, selected)) {
    return usage_error(err, *problem);
  }
  return generate(parsed, selected, out, err);
}

}  // namespace schemetric::codegen
