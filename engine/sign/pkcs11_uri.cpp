#include "engine/sign/pkcs11_uri.h"

#include <charconv>

namespace absah::sign {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 7512 §2.3: values are percent-encoded (RFC 3986 §2.1).
Result<std::string> percent_decode(std::string_view text, const std::string& name) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    int hi = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (i + 2 >= text.size() || hi < 0 || lo < 0)
      return Error(ErrorCode::Usage, "pkcs11:" + name, "bad percent-encoding in PKCS#11 URI");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(sep, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

Status assign(Pkcs11Uri& uri, const std::string& name, const std::string& value) {
  auto fail = [&](std::string why) { return Error(ErrorCode::Usage, "pkcs11:" + name, why); };
  if (name == "token")
    uri.token = value;
  else if (name == "manufacturer")
    uri.manufacturer = value;
  else if (name == "serial")
    uri.serial = value;
  else if (name == "model")
    uri.model = value;
  else if (name == "object")
    uri.object = value;
  else if (name == "id") {
    uri.id.assign(value.begin(), value.end());
    uri.has_id = true;
  } else if (name == "type") {
    if (value != "private") return fail("only type=private can select a signing key");
    uri.type = value;
  } else if (name == "slot-id") {
    unsigned long slot = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), slot);
    if (ec != std::errc() || ptr != value.data() + value.size() || value.empty())
      return fail("slot-id must be a decimal number");
    uri.slot_id = slot;
  } else if (name == "pin-value")
    uri.pin_value = value;
  else if (name == "pin-source")
    uri.pin_source = value;
  else if (name == "module-path")
    uri.module_path = value;
  else if (name == "module-name")
    uri.module_name = value;
  else if (name == "library-manufacturer" || name == "library-description" ||
           name == "library-version" || name == "slot-manufacturer" || name == "slot-description" ||
           name.rfind("x-", 0) == 0) {
    // Accepted and ignored: they only narrow a choice we make by token label.
  } else
    return fail("unknown PKCS#11 URI attribute '" + name + "'");
  return ok_status();
}

}  // namespace

bool is_pkcs11_uri(std::string_view text) {
  return text.rfind("pkcs11:", 0) == 0;
}

Result<Pkcs11Uri> parse_pkcs11_uri(std::string_view text) {
  if (!is_pkcs11_uri(text))
    return Error(ErrorCode::Usage, "pkcs11", "a PKCS#11 URI starts with 'pkcs11:'");
  text.remove_prefix(7);
  std::string_view path = text, query;
  if (size_t q = text.find('?'); q != std::string_view::npos) {
    path = text.substr(0, q);
    query = text.substr(q + 1);
  }
  Pkcs11Uri uri;
  for (auto [part, sep] : {std::pair{path, ';'}, std::pair{query, '&'}}) {
    for (std::string_view attr : split(part, sep)) {
      size_t eq = attr.find('=');
      if (eq == std::string_view::npos || eq == 0)
        return Error(
            ErrorCode::Usage, "pkcs11",
            "PKCS#11 URI attribute without a value: '" + std::string(attr.substr(0, 32)) + "'");
      std::string name(attr.substr(0, eq));
      auto value = percent_decode(attr.substr(eq + 1), name);
      if (!value) return value.take_error();
      ABSAH_TRY_STATUS(assign(uri, name, *value));
    }
  }
  if (!uri.pin_value.empty() && !uri.pin_source.empty())
    return Error(ErrorCode::Usage, "pkcs11:pin-source",
                 "give either pin-value or pin-source, not both");
  if (uri.object.empty() && !uri.has_id)
    return Error(ErrorCode::Usage, "pkcs11:object",
                 "the PKCS#11 URI must name the key with object= or id=");
  return uri;
}

std::string Pkcs11Uri::redacted() const {
  std::string out = "pkcs11:";
  auto add = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    if (out.back() != ':') out += ';';
    out += name;
    out += '=';
    out += value;
  };
  add("token", token);
  add("object", object);
  if (has_id) add("id", "<" + std::to_string(id.size()) + " bytes>");
  if (slot_id) add("slot-id", std::to_string(*slot_id));
  std::string q;
  if (!pin_value.empty()) q += "pin-value=***";
  if (!pin_source.empty()) q += std::string(q.empty() ? "" : "&") + "pin-source=" + pin_source;
  if (!module_path.empty()) q += std::string(q.empty() ? "" : "&") + "module-path=" + module_path;
  if (!q.empty()) out += "?" + q;
  return out;
}

}  // namespace absah::sign
