#pragma once
// Result<T>: a value or an Error. Public engine functions return it; no exception crosses a
// public header. `value()` on an error (or `error()` on a value) is a programming mistake and
// aborts through the variant's own check.

#include <utility>
#include <variant>

#include "engine/base/error.h"

namespace absah {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return m_data.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(m_data); }
  const T& value() const& { return std::get<0>(m_data); }
  T&& value() && { return std::get<0>(std::move(m_data)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<1>(m_data); }
  Error&& take_error() { return std::get<1>(std::move(m_data)); }

 private:
  std::variant<T, Error> m_data;
};

// Result<void>: success or an Error.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() {
  return Ok{};
}

}  // namespace absah

// Propagate an error from an expression returning Result<...>; evaluates to nothing.
#define ABSAH_TRY_STATUS(expr)                                          \
  do {                                                                  \
    auto absah_try_result_ = (expr);                                    \
    if (!absah_try_result_.ok()) return absah_try_result_.take_error(); \
  } while (0)
