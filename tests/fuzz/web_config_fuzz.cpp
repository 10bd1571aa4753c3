// libFuzzer target: the web config reader (and the YAML subset under it) on arbitrary text.
// Every input either reads or fails with config_error; nothing else may escape or crash, and
// what reads is consistent (bcrypt-shaped hashes, complete TLS settings).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "schemetric/detail/web/web_config.hpp"

namespace {

#define FUZZ_CHECK(condition)       \
  do {                              \
    if (!(condition)) std::abort(); \
  } while (false)

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using schemetric::detail::web_config_reader;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto config = web_config_reader::parse(text, "fuzz.yml", "/dir/");
    for (const auto& user : config.users) {
      FUZZ_CHECK(web_config_reader::is_bcrypt_hash(user.bcrypt_hash));
      FUZZ_CHECK(user.name.find(':') == std::string::npos);
    }
    if (config.tls) {
      FUZZ_CHECK(!config.tls->cert_file.empty() && !config.tls->key_file.empty());
      FUZZ_CHECK(config.tls->min_version <= config.tls->max_version);
    }
  } catch (const schemetric::detail::config_error& error) {
    FUZZ_CHECK(std::string_view(error.what()).substr(0, 9) == "fuzz.yml:");
  }
  return 0;
}
