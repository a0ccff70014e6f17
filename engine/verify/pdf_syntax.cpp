#include "engine/verify/pdf_syntax.h"

#include <cctype>
#include <charconv>

namespace absah::verify {

bool is_pdf_white(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

bool is_pdf_delimiter(char c) {
  switch (c) {
    case '(':
    case ')':
    case '<':
    case '>':
    case '[':
    case ']':
    case '{':
    case '}':
    case '/':
    case '%':
      return true;
    default:
      return false;
  }
}

size_t skip_pdf_space(std::string_view buf, size_t pos) {
  while (pos < buf.size()) {
    if (is_pdf_white(buf[pos])) {
      ++pos;
    } else if (buf[pos] == '%') {
      while (pos < buf.size() && buf[pos] != '\n' && buf[pos] != '\r') ++pos;
    } else {
      break;
    }
  }
  return pos;
}

std::string_view pdf_token_at(std::string_view buf, size_t pos) {
  size_t end = pos;
  while (end < buf.size() && !is_pdf_white(buf[end]) && !is_pdf_delimiter(buf[end])) ++end;
  return buf.substr(pos, end - pos);
}

const PdfValue* PdfValue::get(std::string_view key) const {
  if (kind != Kind::Dict || !dict) return nullptr;
  for (const auto& [k, v] : *dict)
    if (k == key) return &v;
  return nullptr;
}

std::optional<int64_t> PdfValue::as_int() const {
  if (kind != Kind::Number || text.empty() || text.size() > 18) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_number_token(std::string_view t) {
  if (t.empty()) return false;
  size_t i = (t[0] == '+' || t[0] == '-') ? 1 : 0;
  bool digit = false;
  for (; i < t.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(t[i])))
      digit = true;
    else if (t[i] != '.')
      return false;
  }
  return digit;
}

bool is_unsigned_int(std::string_view t) {
  if (t.empty() || t.size() > 10) return false;
  for (char c : t)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

class Parser {
 public:
  Parser(std::string_view buf, const SyntaxLimits& limits) : m_buf(buf), m_limits(limits) {}

  Result<PdfValue> value(size_t& pos, uint32_t depth) {
    if (depth > m_limits.max_nesting)
      return fail(pos, "nesting deeper than " + std::to_string(m_limits.max_nesting));
    if (++m_elements > m_limits.max_elements)
      return fail(pos, "more than " + std::to_string(m_limits.max_elements) + " values");
    pos = skip_pdf_space(m_buf, pos);
    if (pos >= m_buf.size()) return fail(pos, "unexpected end of data");
    PdfValue v;
    v.offset = pos;
    const char c = m_buf[pos];
    if (c == '/') {
      auto r = name(pos);
      if (!r) return r;
      v = std::move(*r);
    } else if (c == '(') {
      auto r = literal_string(pos);
      if (!r) return r.take_error();
      v.kind = PdfValue::Kind::String;
      v.text = std::move(*r);
    } else if (c == '<' && pos + 1 < m_buf.size() && m_buf[pos + 1] == '<') {
      pos += 2;
      auto d = std::make_shared<PdfDict>();
      for (;;) {
        pos = skip_pdf_space(m_buf, pos);
        if (pos + 1 < m_buf.size() && m_buf[pos] == '>' && m_buf[pos + 1] == '>') {
          pos += 2;
          break;
        }
        if (pos >= m_buf.size() || m_buf[pos] != '/')
          return fail(pos, "dictionary key is not a name");
        auto key = name(pos);
        if (!key) return key;
        auto val = value(pos, depth + 1);
        if (!val) return val;
        d->emplace_back(std::move(key->text), std::move(*val));
      }
      v.kind = PdfValue::Kind::Dict;
      v.dict = std::move(d);
    } else if (c == '<') {
      auto r = hex_string(pos);
      if (!r) return r.take_error();
      v.kind = PdfValue::Kind::String;
      v.text = std::move(*r);
    } else if (c == '[') {
      ++pos;
      auto a = std::make_shared<PdfArray>();
      for (;;) {
        pos = skip_pdf_space(m_buf, pos);
        if (pos < m_buf.size() && m_buf[pos] == ']') {
          ++pos;
          break;
        }
        auto val = value(pos, depth + 1);
        if (!val) return val;
        a->push_back(std::move(*val));
      }
      v.kind = PdfValue::Kind::Array;
      v.array = std::move(a);
    } else {
      std::string_view tok = pdf_token_at(m_buf, pos);
      if (tok.empty()) return fail(pos, std::string("unexpected character '") + c + "'");
      if (tok == "true" || tok == "false") {
        v.kind = PdfValue::Kind::Bool;
        v.boolean = tok == "true";
        pos += tok.size();
      } else if (tok == "null") {
        pos += tok.size();
      } else if (is_number_token(tok)) {
        pos += tok.size();
        // "N G R" is a reference: look ahead without consuming unless it matches.
        size_t q = skip_pdf_space(m_buf, pos);
        std::string_view gen = pdf_token_at(m_buf, q);
        size_t r = skip_pdf_space(m_buf, q + gen.size());
        if (is_unsigned_int(tok) && is_unsigned_int(gen) && pdf_token_at(m_buf, r) == "R") {
          v.kind = PdfValue::Kind::Ref;
          v.ref.num = static_cast<uint32_t>(std::stoull(std::string(tok)));
          v.ref.gen = static_cast<uint32_t>(std::stoull(std::string(gen)));
          pos = r + 1;
        } else {
          v.kind = PdfValue::Kind::Number;
          v.text = std::string(tok);
        }
      } else {
        return fail(pos, "unexpected keyword '" + std::string(tok.substr(0, 32)) + "'");
      }
    }
    v.end = pos;
    return v;
  }

 private:
  Error fail(size_t pos, std::string message) const {
    Error e(ErrorCode::PdfInvalid, "", std::move(message));
    e.offset = pos;
    return e;
  }

  Result<PdfValue> name(size_t& pos) {
    PdfValue v;
    v.kind = PdfValue::Kind::Name;
    v.offset = pos;
    ++pos;  // '/'
    while (pos < m_buf.size() && !is_pdf_white(m_buf[pos]) && !is_pdf_delimiter(m_buf[pos])) {
      char c = m_buf[pos];
      if (c == '#' && pos + 2 < m_buf.size() && hex_digit(m_buf[pos + 1]) >= 0 &&
          hex_digit(m_buf[pos + 2]) >= 0) {
        v.text.push_back(
            static_cast<char>(hex_digit(m_buf[pos + 1]) * 16 + hex_digit(m_buf[pos + 2])));
        pos += 3;
      } else {
        v.text.push_back(c);
        ++pos;
      }
      if (v.text.size() > 127) return fail(v.offset, "name longer than 127 bytes");
    }
    v.end = pos;
    return v;
  }

  Result<std::string> literal_string(size_t& pos) {
    const size_t start = pos;
    ++pos;
    std::string out;
    int depth = 1;
    while (pos < m_buf.size()) {
      char c = m_buf[pos++];
      if (c == '\\') {
        if (pos >= m_buf.size()) break;
        char e = m_buf[pos++];
        switch (e) {
          case 'n':
            out.push_back('\n');
            break;
          case 'r':
            out.push_back('\r');
            break;
          case 't':
            out.push_back('\t');
            break;
          case 'b':
            out.push_back('\b');
            break;
          case 'f':
            out.push_back('\f');
            break;
          case '\r':
            if (pos < m_buf.size() && m_buf[pos] == '\n') ++pos;
            break;
          case '\n':
            break;
          default:
            if (e >= '0' && e <= '7') {
              int v = e - '0';
              for (int i = 0; i < 2 && pos < m_buf.size() && m_buf[pos] >= '0' && m_buf[pos] <= '7';
                   ++i)
                v = v * 8 + (m_buf[pos++] - '0');
              out.push_back(static_cast<char>(v & 0xFF));
            } else {
              out.push_back(e);
            }
        }
      } else if (c == '(') {
        ++depth;
        out.push_back(c);
      } else if (c == ')') {
        if (--depth == 0) return out;
        out.push_back(c);
      } else {
        out.push_back(c);
      }
      if (out.size() > m_limits.max_string_bytes) return fail(start, "string too long");
    }
    return fail(start, "unterminated string");
  }

  Result<std::string> hex_string(size_t& pos) {
    const size_t start = pos;
    ++pos;
    std::string out;
    int pending = -1;
    while (pos < m_buf.size()) {
      char c = m_buf[pos++];
      if (c == '>') {
        if (pending >= 0) out.push_back(static_cast<char>(pending * 16));
        return out;
      }
      if (is_pdf_white(c)) continue;
      int d = hex_digit(c);
      if (d < 0) return fail(pos - 1, "not a hex digit in a hex string");
      if (pending < 0) {
        pending = d;
      } else {
        out.push_back(static_cast<char>(pending * 16 + d));
        pending = -1;
      }
      if (out.size() > m_limits.max_string_bytes) return fail(start, "hex string too long");
    }
    return fail(start, "unterminated hex string");
  }

  std::string_view m_buf;
  const SyntaxLimits& m_limits;
  uint32_t m_elements = 0;
};

}  // namespace

Result<PdfValue> parse_pdf_value(std::string_view buf, size_t& pos, const SyntaxLimits& limits) {
  Parser parser(buf, limits);
  return parser.value(pos, 0);
}

bool same_pdf_value(const PdfValue& a, const PdfValue& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case PdfValue::Kind::Null:
      return true;
    case PdfValue::Kind::Bool:
      return a.boolean == b.boolean;
    case PdfValue::Kind::Number:
    case PdfValue::Kind::Name:
    case PdfValue::Kind::String:
      return a.text == b.text;
    case PdfValue::Kind::Ref:
      return a.ref == b.ref;
    case PdfValue::Kind::Array:
      if (a.array->size() != b.array->size()) return false;
      for (size_t i = 0; i < a.array->size(); ++i)
        if (!same_pdf_value((*a.array)[i], (*b.array)[i])) return false;
      return true;
    case PdfValue::Kind::Dict:
      if (a.dict->size() != b.dict->size()) return false;
      for (size_t i = 0; i < a.dict->size(); ++i)
        if ((*a.dict)[i].first != (*b.dict)[i].first ||
            !same_pdf_value((*a.dict)[i].second, (*b.dict)[i].second))
          return false;
      return true;
  }
  return false;
}

}  // namespace absah::verify
