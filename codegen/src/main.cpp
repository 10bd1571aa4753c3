// schemetric-gen: generates the C++ header of a schemetric metric schema.
#include <iostream>
#include <string_view>
#include <vector>

#include "cli.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string_view> arguments(argv + (argc > 0 ? 1 : 0), argv + argc);
  return schemetric::codegen::run_cli(arguments, std::cout, std::cerr);
}
