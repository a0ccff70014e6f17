#include "engine/cli/batch_manifest.h"

#include <fstream>
#include <system_error>

namespace absah::cli {

namespace fs = std::filesystem;

nlohmann::json error_to_json(const Error& error) {
  nlohmann::json j = {{"code", std::string(to_string(error.code))},
                      {"path", error.path},
                      {"message", error.message}};
  if (error.offset) j["offset"] = *error.offset;
  if (!error.details.empty()) {
    j["details"] = nlohmann::json::array();
    for (const Error& d : error.details) j["details"].push_back(error_to_json(d));
  }
  return j;
}

ManifestWriter::~ManifestWriter() {
  if (m_file) std::fclose(m_file);
}

Result<std::unique_ptr<ManifestWriter>> ManifestWriter::open(const fs::path& path) {
  std::unique_ptr<ManifestWriter> w(new ManifestWriter(path));
  std::error_code ec;
  if (fs::exists(path, ec)) {
    // Rewrite through a temporary file so an interruption here loses nothing.
    const fs::path tmp = path.string() + ".tmp";
    std::ifstream in(path, std::ios::binary);
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!in || !out) return Error(ErrorCode::Io, path.string(), "cannot rewrite the manifest");
    std::string text;
    while (std::getline(in, text)) {
      if (in.eof()) break;  // no final newline: cut short by an interruption
      auto j = nlohmann::json::parse(text, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("sha256") || !j.contains("line") ||
          !j["line"].is_number_unsigned())
        continue;
      const uint64_t line = j["line"].get<uint64_t>();
      if (line < w->m_done.size() && w->m_done[line]) continue;
      if (line >= w->m_done.size()) w->m_done.resize(line + 1, false);
      w->m_done[line] = true;
      ++w->m_kept;
      out << text << '\n';
    }
    out.close();
    if (!out) return Error(ErrorCode::Io, tmp.string(), "cannot write the manifest");
    fs::rename(tmp, path, ec);
    if (ec)
      return Error(ErrorCode::Io, path.string(), "cannot replace the manifest: " + ec.message());
  }
  w->m_file = std::fopen(path.c_str(), "ab");
  if (!w->m_file) return Error(ErrorCode::Io, path.string(), "cannot open the manifest");
  return w;
}

Status ManifestWriter::append(const nlohmann::json& entry) {
  std::string text = entry.dump();
  text += '\n';
  std::lock_guard lock(m_mutex);
  if (std::fwrite(text.data(), 1, text.size(), m_file) != text.size() || std::fflush(m_file) != 0)
    return Error(ErrorCode::Io, m_path.string(), "cannot append to the manifest");
  return ok_status();
}

Status ManifestWriter::append_success(const ManifestSuccess& e) {
  nlohmann::json j = {{"line", e.line}, {"type", e.type},     {"number", e.number},
                      {"file", e.file}, {"sha256", e.sha256}, {"status", e.status}};
  if (!e.idempotency_key.empty()) j["idempotency_key"] = e.idempotency_key;
  if (!e.warnings.empty()) {
    j["warnings"] = nlohmann::json::array();
    for (const Error& w : e.warnings) j["warnings"].push_back(error_to_json(w));
  }
  return append(j);
}

Status ManifestWriter::append_error(uint64_t line, const Error& error) {
  return append(nlohmann::json{{"line", line}, {"error", error_to_json(error)}});
}

}  // namespace absah::cli
