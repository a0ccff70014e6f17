#include "engine/base/json_syntax.h"

namespace absah {

std::string json_error_without_input(std::string message) {
  const size_t at = message.find("; last read: ");
  if (at != std::string::npos) message.erase(at);
  return message;
}

}  // namespace absah
