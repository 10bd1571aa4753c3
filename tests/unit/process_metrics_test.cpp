// The process metrics: the /proc parsers on text samples, the readers on files made here and
// on the live process, and their exposition through the text writer.
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <schemetric/process_metrics.hpp>
#include <schemetric/text_writer.hpp>

namespace {

using schemetric::process_metrics;
using schemetric::read_process_metrics;
namespace detail = schemetric::detail;

// When this test program started, read before main from the clock alone.
const std::time_t program_start = std::time(nullptr);

// A stat line as Linux 6.1 writes it (52 fields), with the command name given.
std::string stat_line(const std::string& command) {
  return "4242 (" + command +
         ") R 1 4242 4242 0 -1 4194560 1033 0 0 0 157 43 0 0 20 0 1 0 987654 "
         "12345678 2468 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 "
         "0 0 0\n";
}

void expect_fields(const std::optional<detail::proc_stat_fields>& fields) {
  ASSERT_TRUE(fields.has_value());
  EXPECT_EQ(fields->user_ticks, 157U);
  EXPECT_EQ(fields->system_ticks, 43U);
  EXPECT_EQ(fields->start_ticks, 987654U);
  EXPECT_EQ(fields->virtual_bytes, 12345678U);
  EXPECT_EQ(fields->resident_pages, 2468U);
}

TEST(ProcStatParser, ReadsTheFieldsOfAPlainLine) {
  expect_fields(detail::parse_proc_stat(stat_line("cat")));
}

TEST(ProcStatParser, CountsFieldsFromTheLastParenthesisOfTheCommandName) {
  // A command name may hold spaces and parentheses, even ") R 1 2": only the last ')' ends it.
  expect_fields(detail::parse_proc_stat(stat_line("my prog (v2)")));
  expect_fields(detail::parse_proc_stat(stat_line(") R 1 2 3 (")));
  expect_fields(detail::parse_proc_stat(stat_line("")));
  std::string no_newline = stat_line("x");
  no_newline.pop_back();
  expect_fields(detail::parse_proc_stat(no_newline));
}

TEST(ProcStatParser, RejectsWhatIsNotAStatLine) {
  const std::string good = stat_line("x");
  EXPECT_FALSE(detail::parse_proc_stat("").has_value());
  EXPECT_FALSE(detail::parse_proc_stat("garbage").has_value());
  EXPECT_FALSE(detail::parse_proc_stat("4242 (x) R 1 2 3").has_value());  // too few fields
  EXPECT_FALSE(detail::parse_proc_stat(good.substr(0, good.find(" 12345678"))).has_value());
  EXPECT_FALSE(detail::parse_proc_stat("4242 x) R" + good.substr(good.find(')') + 2)).has_value());
  std::string letters = good;
  letters.replace(letters.find(" 157 "), 5, " 1x7 ");  // utime not a number
  EXPECT_FALSE(detail::parse_proc_stat(letters).has_value());
  std::string negative = good;
  negative.replace(negative.find(" 2468 "), 6, " -246 ");  // rss negative
  EXPECT_FALSE(detail::parse_proc_stat(negative).has_value());
  std::string double_space = good;
  double_space.replace(double_space.find(" 157 "), 5, "  157 ");
  EXPECT_FALSE(detail::parse_proc_stat(double_space).has_value());
}

TEST(BootTimeParser, ReadsOnlyTheBtimeLine) {
  EXPECT_EQ(detail::parse_boot_time_line("btime 1718000000"),
            std::optional<std::uint64_t>(1718000000));
  EXPECT_EQ(detail::parse_boot_time_line("btime 1718000000\n"),
            std::optional<std::uint64_t>(1718000000));
  EXPECT_FALSE(detail::parse_boot_time_line("ctxt 1718000000").has_value());
  EXPECT_FALSE(detail::parse_boot_time_line("btime").has_value());
  EXPECT_FALSE(detail::parse_boot_time_line("btime ").has_value());
  EXPECT_FALSE(detail::parse_boot_time_line("btime 17x").has_value());
  EXPECT_FALSE(detail::parse_boot_time_line("btime -5").has_value());
}

// A file in the test's temporary directory, removed at the end of the test.
class ProcFiles : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& content) {
    const std::filesystem::path path = directory_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("schemetric_process_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }
  std::filesystem::path directory_;
};

TEST_F(ProcFiles, AMissingFileReadsAsNothing) {
  const std::string missing = (directory_ / "missing").string();
  EXPECT_FALSE(detail::read_proc_stat(missing.c_str()).has_value());
  EXPECT_FALSE(detail::read_boot_time(missing.c_str()).has_value());
  EXPECT_FALSE(detail::read_open_fds(missing.c_str()).has_value());
}

TEST_F(ProcFiles, GarbageReadsAsNothing) {
  EXPECT_FALSE(detail::read_proc_stat(write("stat", "\x01\x02garbage (((").c_str()).has_value());
  EXPECT_FALSE(detail::read_proc_stat(write("empty", "").c_str()).has_value());
  EXPECT_FALSE(detail::read_proc_stat(write("long", std::string(5000, '1')).c_str()).has_value());
  EXPECT_FALSE(
      detail::read_boot_time(write("no_btime", "cpu 1 2 3\nctxt 5\n").c_str()).has_value());
  EXPECT_FALSE(detail::read_boot_time(write("bad_btime", "btime soon\n").c_str()).has_value());
  // A regular file is not a directory of descriptors.
  EXPECT_FALSE(detail::read_open_fds(write("fd", "0 1 2").c_str()).has_value());
}

TEST_F(ProcFiles, ReadsAStatFile) {
  expect_fields(detail::read_proc_stat(write("stat", stat_line("a b)")).c_str()));
}

TEST_F(ProcFiles, FindsBtimeAfterLinesLongerThanTheReadBuffer) {
  // /proc/stat's `intr` line holds a count per interrupt: kilobytes on large machines.
  std::string intr = "intr 123";
  while (intr.size() < 20000) intr += " 0";
  for (const std::size_t padding : {0U, 1U, 4090U, 4095U, 4096U, 8191U}) {
    const std::string content = "cpu  1 2 3\n" + std::string(padding, 'x') + "\n" + intr +
                                "\nctxt 99\nbtime 1718000000\nprocesses 5\n";
    EXPECT_EQ(detail::read_boot_time(write("stat", content).c_str()),
              std::optional<std::uint64_t>(1718000000))
        << "padding " << padding;
  }
  EXPECT_EQ(detail::read_boot_time(write("last", "cpu 1\nbtime 42").c_str()),
            std::optional<std::uint64_t>(42));
  // A `btime` inside a long line is no btime line.
  EXPECT_FALSE(detail::read_boot_time(write("inside", intr + " btime 5\n").c_str()).has_value());
}

TEST_F(ProcFiles, CountsTheEntriesOfADirectory) {
  for (int i = 0; i < 500; ++i) write("entry_with_a_long_name_" + std::to_string(i), "");
  EXPECT_EQ(detail::read_open_fds(directory_.c_str()), std::optional<std::uint64_t>(500));
}

// Descriptors opened by the test, closed at its end.
struct open_files {
  std::vector<int> descriptors;
  explicit open_files(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) descriptors.push_back(::open("/dev/null", O_RDONLY));
  }
  ~open_files() {
    for (int fd : descriptors) ::close(fd);
  }
  open_files(const open_files&) = delete;
  open_files& operator=(const open_files&) = delete;
};

#if defined(__linux__)

TEST(LiveProcess, OpenFdsGrowByTheFilesOpened) {
  const std::optional<double> before = read_process_metrics().open_fds;
  ASSERT_TRUE(before.has_value());
  {
    const open_files opened(5);
    for (int fd : opened.descriptors) ASSERT_GE(fd, 0);
    EXPECT_EQ(read_process_metrics().open_fds, *before + 5);
  }
  {
    // More entries than one getdents64 call returns.
    const open_files opened(400);
    for (int fd : opened.descriptors) ASSERT_GE(fd, 0);
    EXPECT_EQ(read_process_metrics().open_fds, *before + 400);
  }
  EXPECT_EQ(read_process_metrics().open_fds, before);
}

TEST(LiveProcess, MaxFdsIsTheSoftLimit) {
  rlimit limit{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &limit), 0);
  EXPECT_EQ(read_process_metrics().max_fds, static_cast<double>(limit.rlim_cur));
}

TEST(LiveProcess, StartTimeIsWhenThisProgramStarted) {
  const std::optional<double> start = read_process_metrics().start_time_seconds;
  ASSERT_TRUE(start.has_value());
  // btime is whole seconds, so the start may read up to a second early; the program's
  // static initialization follows its start closely.
  EXPECT_LE(*start, static_cast<double>(program_start) + 1);
  EXPECT_GT(*start, static_cast<double>(program_start) - 30);
  // Independently: now minus the uptime gives the boot time, plus starttime from the stat
  // line this test reads itself.
  std::ifstream uptime_file("/proc/uptime");
  double uptime = 0;
  ASSERT_TRUE(uptime_file >> uptime);
  const double now = static_cast<double>(std::time(nullptr));
  std::ifstream stat_file("/proc/self/stat");
  std::string line;
  std::getline(stat_file, line);
  std::string after_command = line.substr(line.rfind(')') + 2);
  std::istringstream fields(after_command);
  std::string field;
  for (int number = 3; number <= 22; ++number) fields >> field;  // field 22: starttime
  const double ticks = static_cast<double>(std::stoull(field));
  const double independent = now - uptime + ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
  EXPECT_NEAR(*start, independent, 2.5);
  EXPECT_LE(*start, now + 1);
  EXPECT_GT(*start, now - uptime - 1);
}

TEST(LiveProcess, ResidentMemoryGrowsWhenALargeAllocationIsTouched) {
  const process_metrics before = read_process_metrics();
  ASSERT_TRUE(before.resident_memory_bytes.has_value());
  ASSERT_TRUE(before.virtual_memory_bytes.has_value());
  constexpr std::size_t size = std::size_t{128} << 20;
  const std::unique_ptr<char[]> block(new char[size]);
  for (std::size_t offset = 0; offset < size; offset += 4096) {
    reinterpret_cast<volatile char*>(block.get())[offset] = 1;
  }
  const process_metrics after = read_process_metrics();
  EXPECT_GE(*after.resident_memory_bytes, *before.resident_memory_bytes + double(size) * 0.9);
  EXPECT_GE(*after.virtual_memory_bytes, *before.virtual_memory_bytes + double(size) * 0.9);
  EXPECT_GE(*after.virtual_memory_bytes, *after.resident_memory_bytes);
}

double process_cpu_time() {
  timespec time{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time);
  return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_nsec) * 1e-9;
}

TEST(LiveProcess, CpuSecondsGrowWhenTheProcessBurnsCpu) {
  const std::optional<double> before = read_process_metrics().cpu_seconds_total;
  ASSERT_TRUE(before.has_value());
  // Burn 0.2 s of CPU time, measured by the CPU clock (not the wall clock).
  const double until = process_cpu_time() + 0.2;
  volatile std::uint64_t sink = 0;
  while (process_cpu_time() < until) {
    for (int i = 0; i < 10000; ++i) sink = sink + static_cast<std::uint64_t>(i);
  }
  const std::optional<double> after = read_process_metrics().cpu_seconds_total;
  ASSERT_TRUE(after.has_value());
  // The kernel counts in clock ticks (10 ms at 100 Hz): at least 0.1 s of the 0.2 s shows.
  EXPECT_GE(*after, *before + 0.1);
  EXPECT_LE(*after, process_cpu_time() + 0.05);
}

#endif  // defined(__linux__)

TEST(ProcessMetricsTable, NamesEachMetricOnce) {
  EXPECT_EQ(schemetric::find_process_metric("process_open_fds")->value, &process_metrics::open_fds);
  EXPECT_EQ(schemetric::find_process_metric("process_cpu_seconds_total")->kind,
            schemetric::metric_kind::counter);
  EXPECT_EQ(schemetric::find_process_metric("process_cpu_seconds"), nullptr);
}

TEST(ProcessMetricsExposition, WritesEachValueInBothFormatsAndLeavesOutTheMissing) {
  process_metrics values;
  values.cpu_seconds_total = 1.25;
  values.resident_memory_bytes = 2097152;
  values.max_fds = 1024;
  values.start_time_seconds = 1718000000.37;
  std::string text;
  detail::write_process_metrics(text, schemetric::exposition_format::prometheus_text, values);
  EXPECT_EQ(text,
            "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n"
            "# TYPE process_cpu_seconds_total counter\n"
            "process_cpu_seconds_total 1.25\n"
            "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
            "# TYPE process_resident_memory_bytes gauge\n"
            "process_resident_memory_bytes 2097152\n"
            "# HELP process_max_fds Maximum number of open file descriptors.\n"
            "# TYPE process_max_fds gauge\n"
            "process_max_fds 1024\n"
            "# HELP process_start_time_seconds Start time of the process since unix epoch in "
            "seconds.\n"
            "# TYPE process_start_time_seconds gauge\n"
            "process_start_time_seconds 1718000000.37\n");
  std::string openmetrics;
  values = {};
  values.cpu_seconds_total = 0;
  values.open_fds = 7;
  detail::write_process_metrics(openmetrics, schemetric::exposition_format::openmetrics, values);
  EXPECT_EQ(openmetrics,
            "# HELP process_cpu_seconds Total user and system CPU time spent in seconds.\n"
            "# TYPE process_cpu_seconds counter\n"
            "# UNIT process_cpu_seconds seconds\n"
            "process_cpu_seconds_total 0\n"
            "# HELP process_open_fds Number of open file descriptors.\n"
            "# TYPE process_open_fds gauge\n"
            "process_open_fds 7\n");
  std::string nothing;
  detail::write_process_metrics(nothing, schemetric::exposition_format::openmetrics, {});
  EXPECT_EQ(nothing, "");
}

}  // namespace
