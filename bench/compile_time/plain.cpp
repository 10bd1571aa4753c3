// The translation unit compile_time.py starts from: a request handler without metrics. The two
// others are the same handler recording its metrics with schemetric and with prometheus-cpp.
#include <string>
#include <string_view>
#include <vector>

int handle_request(std::string_view path, int status, std::vector<std::string>& log) {
  log.emplace_back(path);
  return status >= 500 ? 1 : 0;
}
