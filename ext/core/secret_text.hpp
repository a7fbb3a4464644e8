// secret_text.hpp: text that may hold a secret, zeroed by construction.
//
// SecretText is a std::basic_string whose allocator wipes every block (sodium_memzero) before it
// frees it: when the string grows (the old buffer), shrinks, is assigned over or is destroyed. So a
// value that carries a client secret, a token, a code or an Authorization header needs no
// hand-written wipe anywhere it is copied. Values (core/value.hpp), the bound arguments and their
// accessors (core/args.hpp) and the JSON writer's buffer (core/json_writer.hpp) use it.
//
// The object's own small-string buffer (strings of up to 15 bytes live inside the object, not in
// an allocated block) is zeroed by SecretText's destructor, so a short caller-chosen secret held in
// a Value inside a vector is wiped too. What it does not cover: copies made by SQLite itself (bound
// parameters, result values), which are SQLite's memory (docs/secrets.md).
#pragma once
#include <sodium.h>

#include <cstddef>
#include <new>
#include <string>
#include <string_view>
#include <utility>

namespace ords {

template <class T>
struct WipingAllocator {
  using value_type = T;
  WipingAllocator() noexcept = default;
  template <class U>
  WipingAllocator(const WipingAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept {
    sodium_memzero(p, n * sizeof(T));
    ::operator delete(p);
  }
  template <class U>
  bool operator==(const WipingAllocator<U>&) const noexcept { return true; }
  template <class U>
  bool operator!=(const WipingAllocator<U>&) const noexcept { return false; }
};

using SecretTextBase = std::basic_string<char, std::char_traits<char>, WipingAllocator<char>>;

// A SecretTextBase that also zeroes its inline buffer when destroyed.
struct SecretText : SecretTextBase {
  using SecretTextBase::SecretTextBase;
  SecretText() noexcept = default;
  SecretText(const SecretText&) = default;
  SecretText(SecretText&&) noexcept = default;
  SecretText(const SecretTextBase& b) : SecretTextBase(b) {}
  SecretText(SecretTextBase&& b) noexcept : SecretTextBase(std::move(b)) {}
  explicit SecretText(std::string_view v) : SecretTextBase(v.data(), v.size()) {}
  SecretText(const std::string& v) : SecretTextBase(v.data(), v.size()) {}  // NOLINT: from plain text
  // A plain copy, for text that is not a secret (names, messages, SQL). Implicit so that names
  // flow into the model's std::string code unchanged; every path a secret or token takes is kept
  // on SecretText / std::string_view instead, and ext/tests/freed_memory_test.cpp proves it (a
  // secret copied into a std::string there would be found in a freed block).
  operator std::string() const { return std::string(data(), size()); }  // NOLINT: see above
  SecretText& operator=(const SecretText&) = default;
  SecretText& operator=(SecretText&&) noexcept = default;
  using SecretTextBase::operator=;
  ~SecretText() { sodium_memzero(data(), capacity()); }
};

// Comparisons with plain strings (the allocators differ, so the standard ones do not apply).
inline bool operator==(const SecretText& a, const std::string& b) { return std::string_view(a) == std::string_view(b); }
inline bool operator==(const std::string& a, const SecretText& b) { return std::string_view(a) == std::string_view(b); }
inline bool operator!=(const SecretText& a, const std::string& b) { return !(a == b); }
inline bool operator!=(const std::string& a, const SecretText& b) { return !(a == b); }
inline bool operator==(const SecretText& a, const SecretText& b) { return std::string_view(a) == std::string_view(b); }
inline bool operator!=(const SecretText& a, const SecretText& b) { return !(a == b); }
inline bool operator==(const SecretText& a, const char* b) { return std::string_view(a) == std::string_view(b); }
inline bool operator==(const char* a, const SecretText& b) { return std::string_view(a) == std::string_view(b); }
inline bool operator!=(const SecretText& a, const char* b) { return !(a == b); }
inline bool operator!=(const char* a, const SecretText& b) { return !(a == b); }

inline SecretText secret_text(std::string_view v) { return SecretText(v.data(), v.size()); }
// A plain std::string copy, for text that is known not to be secret (names, messages).
inline std::string plain(const SecretText& s) { return std::string(s.data(), s.size()); }

}  // namespace ords
