#include "engine/seal/trust_list.h"

#include <nlohmann/json.hpp>

#include <charconv>

#include "engine/base/file_io.h"

namespace absah::seal {

namespace {

// Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool read_digits(std::string_view text, size_t pos, size_t n, int& out) {
  if (pos + n > text.size()) return false;
  auto r = std::from_chars(text.data() + pos, text.data() + pos + n, out);
  return r.ec == std::errc() && r.ptr == text.data() + pos + n;
}

Error entry_error(size_t index, const std::string& field, std::string message) {
  return Error(ErrorCode::FieldFormat, "keys[" + std::to_string(index) + "]." + field,
               std::move(message));
}

Result<std::string> string_field(const nlohmann::json& entry, size_t index, const char* name) {
  auto it = entry.find(name);
  if (it == entry.end())
    return Error(ErrorCode::FieldMissing, "keys[" + std::to_string(index) + "]." + name, "missing");
  if (!it->is_string())
    return Error(ErrorCode::FieldType, "keys[" + std::to_string(index) + "]." + name,
                 "must be a string");
  return it->get<std::string>();
}

}  // namespace

Result<int64_t> parse_utc_timestamp(std::string_view t) {
  int y, mo, d, h, mi, s;
  // YYYY-MM-DDTHH:MM:SSZ, exactly 20 characters.
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' ||
      t[16] != ':' || t[19] != 'Z' || !read_digits(t, 0, 4, y) || !read_digits(t, 5, 2, mo) ||
      !read_digits(t, 8, 2, d) || !read_digits(t, 11, 2, h) || !read_digits(t, 14, 2, mi) ||
      !read_digits(t, 17, 2, s) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
      s > 59)
    return Error(ErrorCode::FieldFormat, "",
                 "expected a UTC time like 2026-01-01T00:00:00Z, got \"" + std::string(t) + "\"");
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
         h * 3600 + mi * 60 + s;
}

std::vector<const TrustedKey*> TrustList::find(std::string_view kid) const {
  std::vector<const TrustedKey*> out;
  for (const auto& k : keys)
    if (k.kid == kid) out.push_back(&k);
  return out;
}

Result<TrustList> parse_trust_list(std::string_view json_text) {
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Error(ErrorCode::JsonSyntax, "", "trust list is not valid JSON");
  if (!doc.is_object()) return Error(ErrorCode::FieldType, "", "trust list must be a JSON object");
  auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer() || version->get<int64_t>() != 1)
    return Error(ErrorCode::FieldFormat, "version", "trust list version must be 1");
  auto keys = doc.find("keys");
  if (keys == doc.end() || !keys->is_array())
    return Error(ErrorCode::FieldType, "keys", "must be an array");
  TrustList list;
  for (size_t i = 0; i < keys->size(); ++i) {
    const auto& entry = (*keys)[i];
    if (!entry.is_object()) return entry_error(i, "", "must be an object");
    auto kid_hex = string_field(entry, i, "kid");
    if (!kid_hex) return kid_hex.take_error();
    auto office = string_field(entry, i, "office");
    if (!office) return office.take_error();
    auto office_name = string_field(entry, i, "office_name");
    if (!office_name) return office_name.take_error();
    auto nb_text = string_field(entry, i, "not_before");
    if (!nb_text) return nb_text.take_error();
    auto na_text = string_field(entry, i, "not_after");
    if (!na_text) return na_text.take_error();
    auto pem = string_field(entry, i, "public_key_pem");
    if (!pem) return pem.take_error();

    auto nb = parse_utc_timestamp(*nb_text);
    if (!nb) return entry_error(i, "not_before", nb.error().message);
    auto na = parse_utc_timestamp(*na_text);
    if (!na) return entry_error(i, "not_after", na.error().message);
    if (*na <= *nb) return entry_error(i, "not_after", "must be later than not_before");
    auto key = SealPublicKey::from_pem(*pem);
    if (!key) return entry_error(i, "public_key_pem", key.error().message);
    if (*kid_hex != to_hex(key->kid()))
      return entry_error(i, "kid",
                         "\"" + *kid_hex + "\" is not the key id of public_key_pem (" +
                             to_hex(key->kid()) + "; first 8 bytes of SHA-256 over the SPKI DER)");
    TrustedKey tk{key->kid(), *office, *office_name, *nb, *na, std::move(key).value()};
    list.keys.push_back(std::move(tk));
  }
  return list;
}

Result<TrustList> load_trust_list(const std::filesystem::path& path) {
  auto text = read_file(path, 1u << 20);
  if (!text) return text.take_error();
  auto list = parse_trust_list(*text);
  if (!list) {
    Error e = list.take_error();
    e.message = path.string() + ": " + e.message;
    return e;
  }
  return list;
}

}  // namespace absah::seal
