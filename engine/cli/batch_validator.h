#pragma once
// Checks a batch record the way the renderer will, before it joins a registry group: a record
// that cannot be rendered must not hold a place in the group's transaction, and must never be
// offered a number. Layout problems (text that does not fit) are found only by rendering; those
// records fail inside the group and lose their number to the next record.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/base/result.h"
#include "engine/model/schema.h"
#include "engine/render/renderer.h"

namespace absah::cli {

class BatchValidator {
 public:
  BatchValidator(const render::Renderer& renderer, std::filesystem::path data_dir)
      : m_renderer(renderer), m_data_dir(std::move(data_dir)) {}

  // The renderer's RecordInvalid summary (every problem in its details) or its
  // UnknownDocumentType; ok when the record would reach layout. Thread-safe.
  Status check(const std::string& type, const nlohmann::json& record,
               int64_t issue_time_unix) const;

 private:
  Result<std::shared_ptr<const model::Schema>> schema(const std::string& type) const;

  const render::Renderer& m_renderer;
  const std::filesystem::path m_data_dir;
  mutable std::mutex m_mutex;
  mutable std::optional<model::Enumerations> m_enums;
  mutable std::map<std::string, std::shared_ptr<const model::Schema>> m_schemas;
};

}  // namespace absah::cli
