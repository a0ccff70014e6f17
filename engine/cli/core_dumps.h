#pragma once
// A process that holds a private key must not leave it in a core file: once a key is loaded,
// core dumps are switched off (RLIMIT_CORE 0) and the process is marked non-dumpable, which
// also keeps other processes of the same user from reading its memory through ptrace or
// /proc/<pid>/mem.

#include "engine/base/result.h"

namespace absah::cli {

Status disable_core_dumps();

}  // namespace absah::cli
