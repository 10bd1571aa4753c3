// Reading a schema file and writing generated files atomically (all of them or none).
#include "support/file_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

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

// Removes the temporary files it holds at scope exit, unless they were renamed away.
class temporary_files {
 public:
  temporary_files() = default;
  temporary_files(const temporary_files&) = delete;
  temporary_files& operator=(const temporary_files&) = delete;
  ~temporary_files() {
    for (const std::filesystem::path& path : paths_) {
      if (!path.empty()) ::unlink(path.c_str());
    }
  }
  void add(std::filesystem::path path) { paths_.push_back(std::move(path)); }
  [[nodiscard]] const std::filesystem::path& operator[](std::size_t index) const {
    return paths_[index];
  }
  // The file at `index` was renamed: nothing to remove there any more.
  void renamed(std::size_t index) { paths_[index].clear(); }

 private:
  std::vector<std::filesystem::path> paths_;
};

// Writes the text of `file` to a fresh temporary file next to its target, recorded in
// `temporaries`.
std::optional<write_failure> write_temporary(const file_to_write& file,
                                             temporary_files& temporaries) {
  const std::filesystem::path& path = file.path;
  const std::filesystem::path directory =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path{"."};
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return write_failure{
        path, fmt::format("cannot create directory {}: {}", directory.string(), error.message())};
  }
  // A fresh name in the target's directory, so the final rename stays on one file system.
  std::filesystem::path temporary;
  int fd = -1;
  for (int attempt = 0; fd < 0; ++attempt) {
    temporary =
        directory / fmt::format(".{}.tmp-{}-{}", path.filename().string(), ::getpid(), attempt);
    // 0666 and the umask, as for any new file (mkstemp would force 0600).
    fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && (errno != EEXIST || attempt >= 100))
      return write_failure{path, errno_text(errno)};
  }
  temporaries.add(temporary);
  fd_guard guard(fd);
  std::size_t written = 0;
  while (written < file.text.size()) {
    const ssize_t count =
        ::write(guard.get(), file.text.data() + written, file.text.size() - written);
    if (count < 0) {
      if (errno == EINTR) continue;
      return write_failure{path, errno_text(errno)};
    }
    written += static_cast<std::size_t>(count);
  }
  if (guard.close() != 0) return write_failure{path, errno_text(errno)};
  return std::nullopt;
}

}  // namespace

file_contents read_text_file(const std::filesystem::path& path, std::size_t max_bytes) {
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
    // A few bytes over the limit are enough for the reader to say the file is too large; a
    // huge file (or /dev/zero) is not read whole.
    if (result.text.size() > max_bytes) {
      result.text.resize(max_bytes + 1);
      break;
    }
  }
  return result;
}

std::optional<write_failure> write_files_atomically(std::span<const file_to_write> files) {
  temporary_files temporaries;
  for (const file_to_write& file : files) {
    if (auto failure = write_temporary(file, temporaries)) return failure;
  }
  // rename(2) cannot replace a directory with a file: find that before replacing anything.
  for (const file_to_write& file : files) {
    std::error_code ignored;
    if (std::filesystem::is_directory(file.path, ignored)) {
      return write_failure{file.path, errno_text(EISDIR)};
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (::rename(temporaries[i].c_str(), files[i].path.c_str()) != 0) {
      return write_failure{files[i].path, errno_text(errno)};
    }
    temporaries.renamed(i);
  }
  return std::nullopt;
}

std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                 std::string_view content) {
  const file_to_write file{path, std::string{content}};
  if (auto failure = write_files_atomically(std::span(&file, 1))) return failure->reason;
  return std::nullopt;
}

}  // namespace schemetric::codegen
