// The generator's stages in order: read, resolve, check, analyse, emit.
#include "driver/pipeline.hpp"

#include "schema/read.hpp"
#include "schema/resolve.hpp"

namespace schemetric::codegen {

std::optional<checked_schema> check_schema(std::string_view yaml_text,
                                           std::span<const emitter* const> selected,
                                           diagnostics& diags) {
  std::optional<schema> model = read_schema(yaml_text, diags);
  if (!model) return std::nullopt;
  resolve(*model, diags);
  for (const emitter* output : selected) output->check(*model, diags);
  // The worst case is only meaningful for a schema that is otherwise valid.
  if (diags.has_errors()) return std::nullopt;
  schema_analysis analysis = analyse(*model, diags);
  if (diags.has_errors()) return std::nullopt;
  return checked_schema{std::move(*model), std::move(analysis)};
}

std::vector<planned_outputs> plan_outputs(std::string_view schema_name,
                                          std::span<const emitter* const> selected,
                                          const std::filesystem::path& out_dir) {
  std::vector<planned_outputs> plan;
  for (const emitter* output : selected) {
    planned_outputs& files = plan.emplace_back(planned_outputs{output, {}});
    for (const std::string_view pattern : output->outputs) {
      files.paths.push_back(out_dir / output_file_name(pattern, schema_name));
    }
  }
  return plan;
}

std::vector<file_to_write> emit_outputs(const checked_schema& checked,
                                        std::span<const planned_outputs> plan,
                                        std::string_view source_path,
                                        std::string_view generator_version) {
  std::vector<file_to_write> files;
  for (const planned_outputs& planned : plan) {
    emit_context context{std::string{source_path}, std::string{generator_version}, {}};
    for (const std::filesystem::path& path : planned.paths) {
      context.file_names.push_back(path.filename().string());
    }
    std::vector<std::string> texts = planned.by->emit(checked.model, checked.analysis, context);
    for (std::size_t i = 0; i < planned.paths.size(); ++i) {
      files.push_back(file_to_write{planned.paths[i], std::move(texts.at(i))});
    }
  }
  return files;
}

}  // namespace schemetric::codegen
