// The schemetric-gen command line: arguments in, files and messages out, an exit status back.
#include "cli.hpp"

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include <fmt/format.h>

#include "cardinality.hpp"
#include "cpp_emitter.hpp"
#include "diagnostics.hpp"
#include "file_io.hpp"
#include "schema_parser.hpp"

#ifndef SCHEMETRIC_GEN_VERSION
#error "SCHEMETRIC_GEN_VERSION must be defined by the build (the project version)"
#endif

namespace schemetric::codegen {
namespace {

constexpr std::string_view usage_text =
    "Usage: schemetric-gen SCHEMA.yaml --out-dir DIR [--verbose] [--cardinality]\n"
    "       schemetric-gen SCHEMA.yaml --header FILE [--verbose] [--cardinality]\n"
    "       schemetric-gen --help | --version\n";

constexpr std::string_view help_text =
    "\n"
    "Generates the C++ header of a schemetric metric schema (format version 1).\n"
    "\n"
    "Options:\n"
    "  --out-dir DIR   write DIR/<schema name>_metrics.hpp\n"
    "  --header FILE   write the header to exactly FILE\n"
    "  --verbose       report the file written\n"
    "  --cardinality   print the worst-case series of every metric and their total\n"
    "  -h, --help      show this help and exit\n"
    "  --version       show the version and exit\n"
    "\n"
    "The schema is validated completely before anything is written; every error is reported\n"
    "as FILE:LINE:COLUMN: error: MESSAGE. Output files are replaced atomically. A schema\n"
    "whose worst case exceeds its 'max_series' budget is an error.\n"
    "\n"
    "Exit status: 0 on success, 1 if the schema has errors or a file cannot be read or\n"
    "written, 2 on a bad command line.\n";

struct options {
  std::optional<std::string> schema_path;
  std::optional<std::string> out_dir;
  std::optional<std::string> header;
  bool verbose = false;
  bool cardinality = false;
  bool help = false;
  bool version = false;
};

int usage_error(std::ostream& err, std::string_view message) {
  err << "schemetric-gen: error: " << message << "\n"
      << usage_text << "Run 'schemetric-gen --help' for more information.\n";
  return exit_usage_error;
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
      continue;
    }
    if (argument == "--") {
      only_operands = true;
      continue;
    }
    if (argument == "--help" || argument == "-h") {
      parsed.help = true;
      continue;
    }
    if (argument == "--version") {
      parsed.version = true;
      continue;
    }
    if (argument == "--verbose") {
      parsed.verbose = true;
      continue;
    }
    if (argument == "--cardinality") {
      parsed.cardinality = true;
      continue;
    }
    // --out-dir DIR, --out-dir=DIR, --header FILE, --header=FILE
    const std::size_t equals = argument.find('=');
    const std::string_view name = argument.substr(0, equals);
    std::optional<std::string>* target = nullptr;
    if (name == "--out-dir") target = &parsed.out_dir;
    if (name == "--header") target = &parsed.header;
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
  return std::nullopt;
}

}  // namespace

int run_cli(std::span<const std::string_view> arguments, std::ostream& out, std::ostream& err) {
  options parsed;
  if (const std::optional<std::string> problem = parse_options(arguments, parsed)) {
    return usage_error(err, *problem);
  }
  if (parsed.help) {
    out << usage_text << help_text;
    return exit_success;
  }
  if (parsed.version) {
    out << "schemetric-gen " << SCHEMETRIC_GEN_VERSION << "\n";
    return exit_success;
  }
  if (!parsed.schema_path) return usage_error(err, "no schema file given");
  if (parsed.out_dir && parsed.header) {
    return usage_error(err, "give either --out-dir or --header, not both");
  }
  if (!parsed.out_dir && !parsed.header) {
    return usage_error(err, "no output given; use --out-dir DIR or --header FILE");
  }

  const std::string& schema_path = *parsed.schema_path;
  const file_contents input = read_text_file(schema_path);
  if (input.error) {
    err << schema_path << ": error: cannot read: " << *input.error << "\n";
    return exit_schema_error;
  }
  diagnostics diags(schema_path);
  const std::optional<schema> model = parse_schema(input.text, diags);
  if (!model) {
    err << diags.format();
    return exit_schema_error;
  }

  const std::filesystem::path output =
      parsed.header ? std::filesystem::path{*parsed.header}
                    : std::filesystem::path{*parsed.out_dir} / default_header_name(*model);
  const std::string header = emit_cpp_header(
      *model, cpp_emit_options{schema_path, output.filename().string(), SCHEMETRIC_GEN_VERSION});
  if (const std::optional<std::string> problem = write_file_atomically(output, header)) {
    err << output.string() << ": error: cannot write: " << *problem << "\n";
    return exit_schema_error;
  }
  if (parsed.verbose) {
    out << "schemetric-gen: wrote " << output.string() << " (" << model->metrics.size()
        << " metrics, " << model->labels.size() << " labels)\n";
  }
  if (parsed.cardinality) {
    out << format_cardinality_table(*model, compute_cardinality(*model));
  }
  return exit_success;
}

}  // namespace schemetric::codegen
