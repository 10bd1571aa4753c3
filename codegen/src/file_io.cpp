// Reading a schema file and writing a generated file atomically (all of it or nothing).
#include "file_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

namespace schemetric::codegen {
namespace {

std::string errno_text(int error_number) {
  return std::strerror(error_number);
}

// Closes a POSIX file descriptor at scope exit unless released.
class fd_guard {
 public:
  explicit fd_guard(int fd) noexcept : fd_(fd) {}
  fd_guard(const fd_guard&) = delete;
  fd_guard& operator=(const fd_guard&) = delete;
  ~fd_guard() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const noexcept { return fd_; }
  // Closes now and reports the result: a failed close can mean lost data (NFS, quotas).
  int close() noexcept {
    const int result = ::close(fd_);
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

}  // namespace

file_contents read_text_file(const std::filesystem::path& path) {
  file_contents result;
  fd_guard file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) {
    result.error = errno_text(errno);
    return result;
  }
  char buffer[65536];
  for (;;) {
    const ssize_t count = ::read(file.get(), buffer, sizeof buffer);
    if (count == 0) break;
    if (count < 0) {
      if (errno == EINTR) continue;
      result.error = errno_text(errno);  // e.g. EISDIR for a directory
      result.text.clear();
      return result;
    }
    result.text.append(buffer, static_cast<std::size_t>(count));
  }
  return result;
}

std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                 std::string_view content) {
  const std::filesystem::path directory =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path{"."};
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error)
    return fmt::format("cannot create directory {}: {}", directory.string(), error.message());

  // A fresh name in the target's directory, so the final rename stays on one file system.
  std::filesystem::path temporary;
  int fd = -1;
  for (int attempt = 0; fd < 0; ++attempt) {
    temporary =
        directory / fmt::format(".{}.tmp-{}-{}", path.filename().string(), ::getpid(), attempt);
    // 0666 and the umask, as for any new file (mkstemp would force 0600).
    fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && (errno != EEXIST || attempt >= 100)) return errno_text(errno);
  }
  fd_guard file(fd);
  const auto fail = [&](int error_number) -> std::optional<std::string> {
    if (file.get() >= 0) file.close();
    ::unlink(temporary.c_str());
    return errno_text(error_number);
  };

  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t count = ::write(file.get(), content.data() + written, content.size() - written);
    if (count < 0) {
      if (errno == EINTR) continue;
      return fail(errno);
    }
    written += static_cast<std::size_t>(count);
  }
  if (file.close() != 0) return fail(errno);
  if (::rename(temporary.c_str(), path.c_str()) != 0) return fail(errno);
  return std::nullopt;
}

}  // namespace schemetric::codegen
