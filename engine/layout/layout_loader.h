#pragma once
// Reads layouts/<type>.jsonc (JSON with comments) into a LayoutSpec. `{"$include":
// "parts/x.jsonc"}` anywhere in the file is replaced by that file's content (merged with the
// object's other keys, or spliced into an array when the part is a list), so shared parts such as
// the letterhead are written once. Include depth and file sizes are bounded.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/result.h"
#include "engine/layout/layout_spec.h"

namespace absah::layout {

Result<std::shared_ptr<const LayoutSpec>> load_layout(const std::filesystem::path& layouts_dir,
                                                      const std::string& type);

// Parses a layout from JSON that has already been read and had its includes resolved.
Result<std::shared_ptr<const LayoutSpec>> parse_layout(const nlohmann::json& doc,
                                                       const std::string& name);

// Reads a JSONC file and resolves $include relative to `layouts_dir`.
Result<nlohmann::json> read_jsonc_with_includes(const std::filesystem::path& file,
                                                const std::filesystem::path& layouts_dir);

// Document types that have a layout file, sorted.
std::vector<std::string> list_layout_types(const std::filesystem::path& layouts_dir);

}  // namespace absah::layout
