#include "engine/base/error.h"

namespace absah {

namespace {
void describe_one(const Error& e, std::string& out) {
  if (!e.path.empty()) out += e.path + ": ";
  out += e.message;
  if (e.offset) out += " (at byte " + std::to_string(*e.offset) + ")";
  out += " [";
  out += to_string(e.code);
  out += "]";
}
}  // namespace

std::string Error::describe() const {
  std::string out;
  describe_one(*this, out);
  for (const Error& d : details) {
    out += "\n  ";
    describe_one(d, out);
  }
  return out;
}

}  // namespace absah
