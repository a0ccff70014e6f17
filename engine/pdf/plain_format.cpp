#include "engine/pdf/plain_format.h"

#include <sys/types.h>
#include <charconv>
#include <cstring>

namespace absah::pdf {

namespace {

enum class Length { None, Char, Short, Long, LongLong, Size };

// Reads the length modifier at `p`, advancing past it.
Length read_length(const char*& p) {
  if (p[0] == 'h') {
    if (p[1] == 'h') {
      p += 2;
      return Length::Char;
    }
    ++p;
    return Length::Short;
  }
  if (p[0] == 'l') {
    if (p[1] == 'l') {
      p += 2;
      return Length::LongLong;
    }
    ++p;
    return Length::Long;
  }
  if (p[0] == 'z') {
    ++p;
    return Length::Size;
  }
  return Length::None;
}

template <typename Integer>
void append_integer(std::string& out, Integer value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, static_cast<size_t>(end - digits));
}

// Signed conversions: the argument arrives promoted and is narrowed as printf narrows it.
void append_signed(std::string& out, Length length, va_list* args) {
  switch (length) {
    case Length::None:
      return append_integer(out, va_arg(*args, int));
    case Length::Char:
      return append_integer(out, static_cast<signed char>(va_arg(*args, int)));
    case Length::Short:
      return append_integer(out, static_cast<short>(va_arg(*args, int)));
    case Length::Long:
      return append_integer(out, va_arg(*args, long));
    case Length::LongLong:
      return append_integer(out, va_arg(*args, long long));
    case Length::Size:
      return append_integer(out, va_arg(*args, ssize_t));
  }
}

void append_unsigned(std::string& out, Length length, va_list* args) {
  switch (length) {
    case Length::None:
      return append_integer(out, va_arg(*args, unsigned));
    case Length::Char:
      return append_integer(out, static_cast<unsigned char>(va_arg(*args, unsigned)));
    case Length::Short:
      return append_integer(out, static_cast<unsigned short>(va_arg(*args, unsigned)));
    case Length::Long:
      return append_integer(out, va_arg(*args, unsigned long));
    case Length::LongLong:
      return append_integer(out, va_arg(*args, unsigned long long));
    case Length::Size:
      return append_integer(out, va_arg(*args, size_t));
  }
}

}  // namespace

bool is_plain_format(const char* format) {
  for (const char* p = format; *p != '\0'; ++p) {
    if (*p != '%') continue;
    ++p;
    if (*p == '%') continue;
    const Length length = read_length(p);
    switch (*p) {
      case 'd':
      case 'i':
      case 'u':
        break;
      case 'c':
      case 's':
        if (length != Length::None) return false;  // %lc and %ls take wide characters
        break;
      default:
        return false;  // flags, width, precision, floating point, or the format's end
    }
  }
  return true;
}

void append_plain_format(std::string& out, const char* format, va_list args) {
  // A copy, passed on by address: va_list is an array on some ABIs and a struct on others.
  va_list rest;
  va_copy(rest, args);
  const char* p = format;
  while (*p != '\0') {
    const char* percent = std::strchr(p, '%');
    if (percent == nullptr) {
      out.append(p);
      break;
    }
    out.append(p, static_cast<size_t>(percent - p));
    p = percent + 1;
    if (*p == '%') {
      out.push_back('%');
      ++p;
      continue;
    }
    const Length length = read_length(p);
    switch (*p) {
      case 'd':
      case 'i':
        append_signed(out, length, &rest);
        break;
      case 'u':
        append_unsigned(out, length, &rest);
        break;
      case 'c':
        out.push_back(static_cast<char>(va_arg(rest, int)));
        break;
      case 's': {
        const char* text = va_arg(rest, const char*);
        out.append(text != nullptr ? text : "(null)");  // as glibc prints it
        break;
      }
    }
    ++p;
  }
  va_end(rest);
}

}  // namespace absah::pdf
