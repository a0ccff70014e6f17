#pragma once
// The project's font manifest, loaded once for the text tests.

#include <gtest/gtest.h>

#include "engine/base/data_dir.h"
#include "engine/text/font_book.h"

namespace absah::text {

inline std::shared_ptr<FontBook> project_fonts() {
  static std::shared_ptr<FontBook> book = [] {
    auto r = FontBook::load_manifest(resolve_data_dir() / "fonts" / "fonts.jsonc");
    if (!r) ADD_FAILURE() << r.error().describe();
    return r ? *r : nullptr;
  }();
  return book;
}

}  // namespace absah::text
