// A process that loaded a key writes no core file and cannot be read through ptrace.

#include "engine/cli/core_dumps.h"

#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <sys/resource.h>

namespace absah::cli {
namespace {

TEST(CoreDumps, SwitchedOffAndNotDumpable) {
  // Start from a state where dumps would be written.
  struct rlimit before {};
  ASSERT_EQ(::getrlimit(RLIMIT_CORE, &before), 0);
  ::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
  ASSERT_EQ(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);

  ASSERT_TRUE(disable_core_dumps().ok());

  struct rlimit after {};
  ASSERT_EQ(::getrlimit(RLIMIT_CORE, &after), 0);
  EXPECT_EQ(after.rlim_cur, 0u);
  EXPECT_EQ(after.rlim_max, 0u);
  EXPECT_EQ(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
}

}  // namespace
}  // namespace absah::cli
