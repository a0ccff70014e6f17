#include "engine/cli/core_dumps.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace absah::cli {

Status disable_core_dumps() {
  const struct rlimit none { 0, 0 };
  if (::setrlimit(RLIMIT_CORE, &none) != 0)
    return Error(ErrorCode::Internal, "RLIMIT_CORE",
                 std::string("cannot switch core dumps off: ") + std::strerror(errno));
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    return Error(ErrorCode::Internal, "PR_SET_DUMPABLE",
                 std::string("cannot mark the process non-dumpable: ") + std::strerror(errno));
  return ok_status();
}

}  // namespace absah::cli
