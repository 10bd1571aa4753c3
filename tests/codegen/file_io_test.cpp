// Tests of reading schema files and writing generated files atomically.
#include "support/file_io.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace schemetric::codegen {
namespace {

using testing::entries_of;
using testing::read_file;
using testing::scratch_directory;
using testing::write_file;

TEST(FileIo, ReadsAWholeFile) {
  const scratch_directory scratch;
  std::string text(200000, 'x');
  text += "\nend\0binary";
  write_file(scratch.path() / "s.yaml", text);
  const file_contents contents = read_text_file(scratch.path() / "s.yaml");
  EXPECT_EQ(contents.error, std::nullopt);
  EXPECT_EQ(contents.text, text);
}

TEST(FileIo, ReadErrorsGiveTheReason) {
  const scratch_directory scratch;
  EXPECT_EQ(read_text_file(scratch.path() / "missing.yaml").error, "No such file or directory");
  EXPECT_EQ(read_text_file(scratch.path()).error, "Is a directory");
}

TEST(FileIo, WritesANewFileAndReplacesAnOldOne) {
  const scratch_directory scratch;
  const auto target = scratch.path() / "out.hpp";
  EXPECT_EQ(write_file_atomically(target, "first\n"), std::nullopt);
  EXPECT_EQ(read_file(target), "first\n");
  EXPECT_EQ(write_file_atomically(target, "second\n"), std::nullopt);
  EXPECT_EQ(read_file(target), "second\n");
  EXPECT_EQ(entries_of(scratch.path()), (std::vector<std::string>{"out.hpp"}));
}

TEST(FileIo, NewFilesGetTheUsualPermissions) {
  const scratch_directory scratch;
  const auto target = scratch.path() / "out.hpp";
  const mode_t old_mask = ::umask(022);
  EXPECT_EQ(write_file_atomically(target, "x"), std::nullopt);
  ::umask(old_mask);
  struct stat status {};
  ASSERT_EQ(::stat(target.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0644u);
}

TEST(FileIo, CreatesMissingDirectories) {
  const scratch_directory scratch;
  const auto target = scratch.path() / "a" / "b" / "out.hpp";
  EXPECT_EQ(write_file_atomically(target, "x"), std::nullopt);
  EXPECT_EQ(read_file(target), "x");
}

TEST(FileIo, FailedRenameLeavesNothingBehind) {
  const scratch_directory scratch;
  const auto target = scratch.path() / "out.hpp";
  std::filesystem::create_directories(target / "occupied");  // a non-empty directory in the way
  const std::optional<std::string> error = write_file_atomically(target, "x");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(*error, "Is a directory");
  EXPECT_EQ(entries_of(scratch.path()), (std::vector<std::string>{"out.hpp"}));
  EXPECT_TRUE(std::filesystem::is_directory(target));
}

TEST(FileIo, ParentThatIsAFileIsReported) {
  const scratch_directory scratch;
  write_file(scratch.path() / "file", "x");
  const std::optional<std::string> error =
      write_file_atomically(scratch.path() / "file" / "out.hpp", "x");
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("cannot create directory"), std::string::npos) << *error;
  EXPECT_EQ(entries_of(scratch.path()), (std::vector<std::string>{"file"}));
}

TEST(FileIo, UnwritableDirectoryIsReported) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes into read-only directories";
  const scratch_directory scratch;
  std::filesystem::permissions(
      scratch.path(), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  const std::optional<std::string> error = write_file_atomically(scratch.path() / "out.hpp", "x");
  EXPECT_EQ(error, "Permission denied");
}

TEST(FileIo, WritesEveryFile) {
  const scratch_directory scratch;
  const std::vector<file_to_write> files{{scratch.path() / "a.hpp", "a\n"},
                                         {scratch.path() / "sub" / "b.yml", "b\n"}};
  EXPECT_EQ(write_files_atomically(files), std::nullopt);
  EXPECT_EQ(read_file(scratch.path() / "a.hpp"), "a\n");
  EXPECT_EQ(read_file(scratch.path() / "sub" / "b.yml"), "b\n");
  EXPECT_EQ(entries_of(scratch.path()), (std::vector<std::string>{"a.hpp", "sub"}));
}

TEST(FileIo, WritesNoneWhenOneCannotBeWritten) {
  const scratch_directory scratch;
  write_file(scratch.path() / "a.hpp", "old\n");
  std::filesystem::create_directories(scratch.path() / "b.yml" / "occupied");
  const std::vector<file_to_write> files{{scratch.path() / "a.hpp", "new\n"},
                                         {scratch.path() / "b.yml", "b\n"},
                                         {scratch.path() / "c.json", "c\n"}};
  const std::optional<write_failure> failure = write_files_atomically(files);
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->path, scratch.path() / "b.yml");
  EXPECT_EQ(failure->reason, "Is a directory");
  // The old file is untouched, no new file and no temporary file is left.
  EXPECT_EQ(read_file(scratch.path() / "a.hpp"), "old\n");
  EXPECT_EQ(entries_of(scratch.path()), (std::vector<std::string>{"a.hpp", "b.yml"}));
}

TEST(FileIo, WritesNoneWhenADirectoryCannotBeCreated) {
  const scratch_directory scratch;
  write_file(scratch.path() / "file", "x");
  const std::vector<file_to_write> files{{scratch.path() / "a.hpp", "a\n"},
                                         {scratch.path() / "file" / "b.yml", "b\n"}};
  const std::optional<write_failure> failure = write_files_atomically(files);
  ASSERT_TRUE(failure.has_value());
  EXPECT_NE(failure->reason.find("cannot create directory"), std::string::npos) << failure->reason;
  EXPECT_EQ(entries_of(scratch.path()), (std::vector<std::string>{"file"}));
}

}  // namespace
}  // namespace schemetric::codegen
