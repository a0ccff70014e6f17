#pragma once
// A small, bounded CBOR (RFC 8949) encoder and decoder with only what the seal needs: unsigned
// and negative integers, byte and text strings, arrays, maps and tags (COSE_Sign1 is tag 18).
//
// The decoder reads untrusted bytes from a QR code, so it is strict and bounded:
// - definite lengths only (indefinite lengths, RFC 8949 §3.2, are rejected);
// - preferred (shortest) serialisation of every argument, RFC 8949 §4.2.1 rule 1;
// - no floats or simple values (major type 7); reserved additional info 28..30 rejected;
// - no duplicate map keys (§5.6: a map with duplicates is not valid);
// - text strings must be valid UTF-8 (§3.1 major type 3);
// - limits on nesting depth, total size and number of items;
// - the whole input must be one data item (no trailing bytes).
// Every error has code FieldFormat, path kCborErrorPath ("cbor"), a message starting "bad CBOR"
// and the byte offset.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.h"

namespace absah::seal {

enum class CborType : uint8_t { None = 0, Unsigned, Negative, Bytes, Text, Array, Map, Tag };

struct CborValue {
  CborType type = CborType::None;
  // Unsigned: the value. Negative: n, where the value is -1 - n (RFC 8949 §3.1 major type 1).
  // Tag: the tag number.
  uint64_t number = 0;
  std::string bytes;             // Bytes and Text
  std::vector<CborValue> items;  // Array: elements; Map: key, value, key, value...; Tag: 1 item

  static CborValue uint(uint64_t v);
  static CborValue integer(int64_t v);
  static CborValue byte_string(std::string_view b);
  static CborValue text(std::string_view t);
  static CborValue array(std::vector<CborValue> elements);
  static CborValue map(std::vector<std::pair<CborValue, CborValue>> entries);
  static CborValue tag(uint64_t number, CborValue content);

  // The integer value for Unsigned and Negative items in int64 range, otherwise nothing.
  std::optional<int64_t> as_int() const;
  size_t map_size() const { return type == CborType::Map ? items.size() / 2 : 0; }
  // Map lookup by integer key; nullptr when absent or not a map.
  const CborValue* find(int64_t key) const;
};

constexpr std::string_view kCborErrorPath = "cbor";

struct CborLimits {
  size_t max_bytes = 4096;  // a QR code holds at most 2953 bytes (version 40-L, byte mode)
  int max_depth = 8;
  size_t max_items = 512;  // array elements + map entries + tags, all levels together
};

std::string encode_cbor(const CborValue& value);
Result<CborValue> decode_cbor(std::string_view bytes, const CborLimits& limits = {});

}  // namespace absah::seal
