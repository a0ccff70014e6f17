#pragma once
// absah render --batch R.jsonl --out-dir D [--jobs N] [--registry URL] [--fail-fast]
//               [--unsigned | signing options] [--data-dir DIR]
//
// Renders (signs, seals, registers) one document per input line on N worker threads, writing
// D/<line>-<type>.pdf and D/manifest.jsonl as results finish. A bad line is reported with its
// number and the batch goes on (exit 1 at the end); usage problems exit 2 before any work.

#include "engine/cli/commands.h"

namespace absah::cli {

int run_render_batch(const Argv& argv);

// True when the arguments ask `render` for a batch.
bool is_batch_render(const Argv& argv);

}  // namespace absah::cli
