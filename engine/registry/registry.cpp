#include "engine/registry/registry.h"

#include "engine/registry/postgres_connection.h"
#include "engine/registry/sql_registry.h"
#include "engine/registry/sqlite_connection.h"

namespace absah::registry {

Result<std::vector<Result<IssueResult>>> Registry::issue_many(
    const std::vector<IssueRequest>& requests, const RenderEachCallback& render_each) {
  if (!render_each) return Error(ErrorCode::Usage, "render", "no render callback");
  return issue_many(requests, GroupRenderCallback([&](const std::vector<NumberedRequest>& todo) {
                      std::vector<Result<std::string>> digests;
                      digests.reserve(todo.size());
                      for (const NumberedRequest& one : todo)
                        digests.push_back(render_each(one.index, one.number));
                      return digests;
                    }));
}

Result<std::unique_ptr<Registry>> open_registry(std::string_view url) {
  std::unique_ptr<SqlConnection> conn;
  if (url.substr(0, 7) == "sqlite:") {
    auto target = parse_sqlite_target(url.substr(7));
    if (!target) return target.take_error();
    const auto& [path, options] = *target;
    if (path.empty()) return Error(ErrorCode::Usage, "registry", "sqlite: URL without a path");
    auto c = SqliteConnection::open(path, options);
    if (!c.ok()) return c.take_error();
    conn = std::move(c.value());
  } else if (url.substr(0, 13) == "postgresql://" || url.substr(0, 11) == "postgres://") {
    auto c = PostgresConnection::open(std::string(url));
    if (!c.ok()) return c.take_error();
    conn = std::move(c.value());
  } else {
    return Error(
        ErrorCode::Usage, "registry",
        "registry URL must start with sqlite: or postgresql:// (got " + std::string(url) + ")");
  }
  return SqlRegistry::open(std::move(conn));
}

}  // namespace absah::registry
