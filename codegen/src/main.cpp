// schemetric-gen: generates the C++ header (and, as emitters are added, the other outputs) of a
// schemetric metric schema. Everything but argument passing is in driver/cli.cpp.
#include <iostream>
#include <string_view>
#include <vector>

#include "driver/cli.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string_view> arguments(argv + (argc > 0 ? 1 : 0), argv + argc);
  return schemetric::codegen::run_cli(arguments, std::cout, std::cerr);
}
