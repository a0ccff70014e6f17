#include "engine/base/json_syntax.h"

namespace absah {

std::string json_error_without_input(std::string message) {
  const size_t at = message.find("; last read: ");
  if (at != std::string::npos) message.erase(at);
  return message;
}

Result<nlohmann::json> parse_json(std::string_view text, bool allow_comments) {
  try {
    return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/true, allow_comments);
  } catch (const nlohmann::json::parse_error& e) {
    Error err(ErrorCode::JsonSyntax, "", json_error_without_input(e.what()));
    err.offset = e.byte > 0 ? e.byte - 1 : 0;
    return err;
  } catch (const nlohmann::json::exception& e) {
    // out_of_range.406 ("number overflow parsing '<token>'") and the like: no byte offset, and
    // the token is left out.
    std::string message = e.id == 406 ? "a number is too large to be represented" : e.what();
    if (e.id == 406) message += " (JSON numbers must fit a 64-bit float)";
    return Error(ErrorCode::JsonSyntax, "", json_error_without_input(message));
  }
}

}  // namespace absah
