#include "engine/seal/cbor.h"

#include <set>

#include <climits>

#include "engine/base/utf8.h"

namespace absah::seal {

// ---- values ---------------------------------------------------------------------------------

CborValue CborValue::uint(uint64_t v) {
  CborValue c;
  c.type = CborType::Unsigned;
  c.number = v;
  return c;
}

CborValue CborValue::integer(int64_t v) {
  if (v >= 0) return uint(static_cast<uint64_t>(v));
  CborValue c;
  c.type = CborType::Negative;
  c.number = static_cast<uint64_t>(-1 - v);  // no overflow: -1 - INT64_MIN == INT64_MAX
  return c;
}

CborValue CborValue::byte_string(std::string_view b) {
  CborValue c;
  c.type = CborType::Bytes;
  c.bytes = std::string(b);
  return c;
}

CborValue CborValue::text(std::string_view t) {
  CborValue c;
  c.type = CborType::Text;
  c.bytes = std::string(t);
  return c;
}

CborValue CborValue::array(std::vector<CborValue> elements) {
  CborValue c;
  c.type = CborType::Array;
  c.items = std::move(elements);
  return c;
}

CborValue CborValue::map(std::vector<std::pair<CborValue, CborValue>> entries) {
  CborValue c;
  c.type = CborType::Map;
  c.items.reserve(entries.size() * 2);
  for (auto& [k, v] : entries) {
    c.items.push_back(std::move(k));
    c.items.push_back(std::move(v));
  }
  return c;
}

CborValue CborValue::tag(uint64_t number, CborValue content) {
  CborValue c;
  c.type = CborType::Tag;
  c.number = number;
  c.items.push_back(std::move(content));
  return c;
}

std::optional<int64_t> CborValue::as_int() const {
  constexpr uint64_t kMax = static_cast<uint64_t>(INT64_MAX);
  if (type == CborType::Unsigned && number <= kMax) return static_cast<int64_t>(number);
  if (type == CborType::Negative && number <= kMax) return -1 - static_cast<int64_t>(number);
  return std::nullopt;
}

const CborValue* CborValue::find(int64_t key) const {
  if (type != CborType::Map) return nullptr;
  for (size_t i = 0; i + 1 < items.size(); i += 2)
    if (items[i].as_int() == key) return &items[i + 1];
  return nullptr;
}

// ---- encoder --------------------------------------------------------------------------------

namespace {

// RFC 8949 §3: initial byte = major type (3 bits) | additional information (5 bits), followed
// by the argument in the shortest form (§4.2.1 preferred serialisation).
void put_head(std::string& out, uint8_t major, uint64_t arg) {
  uint8_t mt = static_cast<uint8_t>(major << 5);
  if (arg < 24) {
    out += static_cast<char>(mt | arg);
    return;
  }
  int n;
  uint8_t ai;
  if (arg <= 0xFF) {
    n = 1, ai = 24;
  } else if (arg <= 0xFFFF) {
    n = 2, ai = 25;
  } else if (arg <= 0xFFFFFFFFull) {
    n = 4, ai = 26;
  } else {
    n = 8, ai = 27;
  }
  out += static_cast<char>(mt | ai);
  for (int i = n - 1; i >= 0; --i) out += static_cast<char>((arg >> (8 * i)) & 0xFF);
}

void encode_into(std::string& out, const CborValue& v) {
  switch (v.type) {
    case CborType::Unsigned:
      put_head(out, 0, v.number);
      break;
    case CborType::Negative:
      put_head(out, 1, v.number);
      break;
    case CborType::Bytes:
      put_head(out, 2, v.bytes.size());
      out += v.bytes;
      break;
    case CborType::Text:
      put_head(out, 3, v.bytes.size());
      out += v.bytes;
      break;
    case CborType::Array:
      put_head(out, 4, v.items.size());
      for (const auto& item : v.items) encode_into(out, item);
      break;
    case CborType::Map:
      put_head(out, 5, v.items.size() / 2);
      for (const auto& item : v.items) encode_into(out, item);
      break;
    case CborType::Tag:
      put_head(out, 6, v.number);
      if (!v.items.empty()) encode_into(out, v.items.front());
      break;
    case CborType::None:
      break;
  }
}

// ---- decoder --------------------------------------------------------------------------------

class Decoder {
 public:
  Decoder(std::string_view in, const CborLimits& limits) : m_in(in), m_limits(limits) {}

  Result<CborValue> run() {
    if (m_in.size() > m_limits.max_bytes)
      return bad("input of " + std::to_string(m_in.size()) + " bytes exceeds the limit of " +
                     std::to_string(m_limits.max_bytes),
                 m_limits.max_bytes);
    if (m_in.empty()) return bad("empty input", 0);
    auto v = item(0);
    if (!v) return v;
    if (m_pos != m_in.size()) return bad("trailing bytes after the data item", m_pos);
    return v;
  }

 private:
  Error bad(std::string what, size_t offset) const {
    Error e(ErrorCode::FieldFormat, std::string(kCborErrorPath),
            "bad CBOR: " + std::move(what) + " at byte " + std::to_string(offset));
    e.offset = offset;
    return e;
  }

  Result<CborValue> item(int depth) {
    if (depth > m_limits.max_depth) return bad("nesting deeper than the limit", m_pos);
    const size_t start = m_pos;
    if (m_pos >= m_in.size()) return bad("unexpected end of input", m_pos);
    const uint8_t ib = static_cast<uint8_t>(m_in[m_pos++]);
    const uint8_t major = ib >> 5;
    const uint8_t ai = ib & 0x1F;
    if (major == 7) return bad("floats and simple values are not used", start);
    if (ai == 31) return bad("indefinite length is not allowed", start);
    if (ai >= 28) return bad("reserved additional information value", start);
    uint64_t arg = ai;
    if (ai >= 24) {
      const size_t n = size_t{1} << (ai - 24);
      if (m_in.size() - m_pos < n) return bad("truncated argument", start);
      arg = 0;
      for (size_t i = 0; i < n; ++i) arg = (arg << 8) | static_cast<uint8_t>(m_in[m_pos++]);
      // RFC 8949 §4.2.1: the argument must use the shortest form that holds it.
      const uint64_t floor = ai == 24 ? 24 : ai == 25 ? 0x100 : ai == 26 ? 0x10000 : 0x100000000ull;
      if (arg < floor) return bad("argument not in its shortest form", start);
    }
    CborValue v;
    switch (major) {
      case 0:
        return CborValue::uint(arg);
      case 1:
        v.type = CborType::Negative;
        v.number = arg;
        return v;
      case 2:
      case 3: {
        if (arg > m_in.size() - m_pos) return bad("string longer than the remaining input", start);
        v.type = major == 2 ? CborType::Bytes : CborType::Text;
        v.bytes = std::string(m_in.substr(m_pos, static_cast<size_t>(arg)));
        m_pos += static_cast<size_t>(arg);
        if (major == 3) {
          if (auto at = find_invalid_utf8(v.bytes))
            return bad("text string is not valid UTF-8", m_pos - v.bytes.size() + *at);
        }
        return v;
      }
      case 4:
      case 5: {
        // Each element takes at least one byte: a count larger than the rest of the input is
        // malformed, and checking first keeps a forged count from driving a huge reserve().
        const uint64_t elements = major == 4 ? arg : arg * 2;
        if (arg > m_in.size() - m_pos || elements > m_in.size() - m_pos)
          return bad("count larger than the remaining input", start);
        m_items += static_cast<size_t>(arg);
        if (m_items > m_limits.max_items) return bad("more items than the limit", start);
        v.type = major == 4 ? CborType::Array : CborType::Map;
        v.items.reserve(static_cast<size_t>(elements));
        std::set<std::string> keys;
        for (uint64_t i = 0; i < elements; ++i) {
          const size_t item_start = m_pos;
          auto child = item(depth + 1);
          if (!child) return child;
          if (major == 5 && i % 2 == 0) {
            // Keys are compared by their encoded bytes; with preferred serialisation enforced
            // above, equal keys have equal encodings (RFC 8949 §5.6).
            if (!keys.insert(std::string(m_in.substr(item_start, m_pos - item_start))).second)
              return bad("duplicate map key", item_start);
          }
          v.items.push_back(std::move(child).value());
        }
        return v;
      }
      case 6: {
        if (++m_items > m_limits.max_items) return bad("more items than the limit", start);
        auto content = item(depth + 1);
        if (!content) return content;
        return CborValue::tag(arg, std::move(content).value());
      }
    }
    return bad("unknown major type", start);
  }

  std::string_view m_in;
  CborLimits m_limits;
  size_t m_pos = 0;
  size_t m_items = 0;
};

}  // namespace

std::string encode_cbor(const CborValue& value) {
  std::string out;
  encode_into(out, value);
  return out;
}

Result<CborValue> decode_cbor(std::string_view bytes, const CborLimits& limits) {
  return Decoder(bytes, limits).run();
}

}  // namespace absah::seal
