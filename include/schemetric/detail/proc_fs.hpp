// Reading the process's figures from Linux's /proc (proc(5)) without allocating: the parsers
// take the files' text, the readers fill buffers on the stack.
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <system_error>

#include "schemetric/config.hpp"

#if defined(__linux__)
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#endif

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// The fields of /proc/self/stat that the process metrics read, in the units proc(5) gives.
struct proc_stat_fields {
  std::uint64_t user_ticks = 0;      ///< utime (field 14), clock ticks
  std::uint64_t system_ticks = 0;    ///< stime (field 15), clock ticks
  std::uint64_t start_ticks = 0;     ///< starttime (field 22), clock ticks after boot
  std::uint64_t virtual_bytes = 0;   ///< vsize (field 23)
  std::uint64_t resident_pages = 0;  ///< rss (field 24)
};

/// The unsigned decimal `text` (digits only), or nothing.
inline std::optional<std::uint64_t> parse_unsigned(std::string_view text) noexcept {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc{} || stop != end) return std::nullopt;
  return value;
}

/// The fields of a /proc/<pid>/stat line, or nothing when it is not one. The command name
/// (field 2) is in parentheses and may itself hold spaces and parentheses, so the fields
/// are counted from the last ')' (as procps does).
inline std::optional<proc_stat_fields> parse_proc_stat(std::string_view line) noexcept {
  const std::size_t close = line.rfind(')');
  if (close == std::string_view::npos || line.find('(') > close) return std::nullopt;
  std::string_view rest = line.substr(close + 1);
  // Fields 3 (state) to 24 (rss): the ones read are at these positions after the ')'.
  constexpr std::size_t fields_needed = 22;
  std::string_view fields[fields_needed];
  for (std::string_view& field : fields) {
    if (rest.empty() || rest.front() != ' ') return std::nullopt;
    rest.remove_prefix(1);
    const std::size_t end = rest.find_first_of(" \n");
    field = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
  }
  const auto field = [&](std::size_t number) {
    return parse_unsigned(fields[number - 3]);
  };
  const auto user = field(14);
  const auto system = field(15);
  const auto start = field(22);
  const auto virtual_bytes = field(23);
  const auto resident = field(24);
  if (!user || !system || !start || !virtual_bytes || !resident) return std::nullopt;
  return proc_stat_fields{*user, *system, *start, *virtual_bytes, *resident};
}

/// The value of the `btime` line of /proc/stat (the boot time, seconds since the epoch) if
/// `line` is that line, else nothing.
inline std::optional<std::uint64_t> parse_boot_time_line(std::string_view line) noexcept {
  constexpr std::string_view key = "btime ";
  if (!line.starts_with(key)) return std::nullopt;
  line.remove_prefix(key.size());
  while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.remove_suffix(1);
  return parse_unsigned(line);
}

/// Calls `on_line(line)` (without its '\n') for each line of `text` until it returns true;
/// true when it did.
template <class OnLine>
bool find_line(std::string_view text, OnLine&& on_line) {
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    if (on_line(text.substr(0, end))) return true;
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return false;
}

#if defined(__linux__)

/// An open file descriptor, closed at scope exit; -1 when opening failed.
class file_descriptor {
 public:
  file_descriptor(const char* path, int flags) noexcept : fd_(::open(path, flags | O_CLOEXEC)) {}
  file_descriptor(const file_descriptor&) = delete;
  file_descriptor& operator=(const file_descriptor&) = delete;
  ~file_descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const noexcept { return fd_; }

 private:
  int fd_;
};

/// Reads into `buffer` (retrying on EINTR) until it is full or the file ends; the bytes
/// read, or -1 on an error.
inline std::ptrdiff_t read_some(int fd, char* buffer, std::size_t size) noexcept {
  std::size_t filled = 0;
  while (filled < size) {
    const ssize_t got = ::read(fd, buffer + filled, size - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return -1;
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  return static_cast<std::ptrdiff_t>(filled);
}

/// The fields of /proc/self/stat (or of the file at `path`), or nothing when it cannot be
/// read or parsed.
inline std::optional<proc_stat_fields> read_proc_stat(
    const char* path = "/proc/self/stat") noexcept {
  const file_descriptor file(path, O_RDONLY);
  if (file.get() < 0) return std::nullopt;
  // The line is a few hundred bytes (the command name is at most 64); one that fills the
  // buffer is not one this parser knows.
  char buffer[1024];
  const std::ptrdiff_t size = read_some(file.get(), buffer, sizeof(buffer));
  if (size <= 0 || static_cast<std::size_t>(size) == sizeof(buffer)) return std::nullopt;
  return parse_proc_stat(std::string_view(buffer, static_cast<std::size_t>(size)));
}

/// The boot time from /proc/stat (or the file at `path`), or nothing. The file grows with the CPUs
/// and interrupts (its `intr` line alone can be kilobytes), so it is read a buffer at a time; a
/// line longer than the buffer is skipped, which no `btime` line is.
inline std::optional<std::uint64_t> read_boot_time(const char* path = "/proc/stat") noexcept {
  const file_descriptor file(path, O_RDONLY);
  if (file.get() < 0) return std::nullopt;
  char buffer[4096];
  std::size_t kept = 0;        // the start of a line carried over from the last read
  bool skipping_line = false;  // inside a line longer than the buffer
  while (true) {
    const std::ptrdiff_t got = read_some(file.get(), buffer + kept, sizeof(buffer) - kept);
    if (got < 0) return std::nullopt;
    const std::size_t filled = kept + static_cast<std::size_t>(got);
    std::string_view text(buffer, filled);
    if (skipping_line) {
      const std::size_t end = text.find('\n');
      if (end == std::string_view::npos) {
        if (got == 0) return std::nullopt;
        kept = 0;
        continue;
      }
      text.remove_prefix(end + 1);
      skipping_line = false;
    }
    const std::size_t last_newline = text.rfind('\n');
    const bool at_end = got == 0;
    const std::string_view complete =
        at_end ? text : text.substr(0, last_newline == std::string_view::npos ? 0 : last_newline);
    std::optional<std::uint64_t> boot_time;
    find_line(complete, [&](std::string_view line) {
      boot_time = parse_boot_time_line(line);
      return boot_time.has_value();
    });
    if (boot_time || at_end) return boot_time;
    const std::string_view partial =
        last_newline == std::string_view::npos ? text : text.substr(last_newline + 1);
    if (partial.size() == sizeof(buffer)) {
      skipping_line = true;
      kept = 0;
    } else {
      std::memmove(buffer, partial.data(), partial.size());
      kept = partial.size();
    }
  }
}

/// The number of entries of /proc/self/fd (or of the directory at `path`) but `.` and `..`,
/// the descriptor that lists them included, as other clients count it; or nothing. Read
/// with getdents64 into a stack buffer: opendir would allocate.
inline std::optional<std::uint64_t> read_open_fds(const char* path = "/proc/self/fd") noexcept {
  const file_descriptor directory(path, O_RDONLY | O_DIRECTORY);
  if (directory.get() < 0) return std::nullopt;
  alignas(8) char buffer[4096];
  std::uint64_t count = 0;
  while (true) {
    const long got = ::syscall(SYS_getdents64, directory.get(), buffer, sizeof(buffer));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return std::nullopt;
    if (got == 0) return count;
    // struct linux_dirent64: d_ino (8 bytes), d_off (8), d_reclen (2), d_type (1), d_name.
    constexpr std::size_t reclen_offset = 16;
    constexpr std::size_t name_offset = 19;
    for (std::size_t offset = 0; offset < static_cast<std::size_t>(got);) {
      unsigned short record_length = 0;
      std::memcpy(&record_length, buffer + offset + reclen_offset, sizeof(record_length));
      if (record_length == 0) return std::nullopt;
      const char* name = buffer + offset + name_offset;
      const bool dot = std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0;
      if (!dot) ++count;
      offset += record_length;
    }
  }
}

/// The soft limit on open files (RLIMIT_NOFILE), or nothing when getrlimit fails. No limit
/// (RLIM_INFINITY) reads as 2^64 - 1, as other clients report "unlimited".
inline std::optional<std::uint64_t> read_max_fds() noexcept {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return std::nullopt;
  if (limit.rlim_cur == RLIM_INFINITY) return UINT64_MAX;
  return static_cast<std::uint64_t>(limit.rlim_cur);
}

#endif  // defined(__linux__)

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
