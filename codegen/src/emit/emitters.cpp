// The table of emitters and the output file-name convention.
#include "emit/emitter.hpp"

#include <algorithm>
#include <array>

#include "emit/cpp/cpp_emitter.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

constexpr std::array cpp_outputs{"{name}_metrics.hpp"sv};

constexpr std::array all_emitters{
    emitter{"cpp", "the C++ header: label enums and structs, metric descriptors, the registry",
            cpp_outputs, &cpp::check, &cpp::emit},
};

}  // namespace

std::span<const emitter> emitters() noexcept {
  return all_emitters;
}

const emitter* find_emitter(std::string_view name) noexcept {
  const auto found = std::find_if(all_emitters.begin(), all_emitters.end(),
                                  [&](const emitter& candidate) { return candidate.name == name; });
  return found == all_emitters.end() ? nullptr : &*found;
}

std::string output_file_name(std::string_view pattern, std::string_view schema_name) {
  constexpr std::string_view placeholder = "{name}";
  std::string name{pattern};
  for (std::size_t at = name.find(placeholder); at != std::string::npos;
       at = name.find(placeholder, at + schema_name.size())) {
    name.replace(at, placeholder.size(), schema_name);
  }
  return name;
}

}  // namespace schemetric::codegen
