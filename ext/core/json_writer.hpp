// json_writer.hpp: builds JSON text for results (credentials, info, decisions).
//
// Writing is all the core does with JSON; parsing belongs to the host (SQLite's json1), so no
// hand-written parser lives here. Strings are escaped per RFC 8259; the writer keeps track of
// commas so callers only say what goes in.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "secret_text.hpp"

namespace ords {

class JsonWriter {
 public:
  JsonWriter() = default;
  // Reserves room for `expected` bytes up front: one allocation where growing from empty would
  // take several (each wiping the buffer it leaves).
  explicit JsonWriter(size_t expected) { out_.reserve(expected); }
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& str(std::string_view v);
  JsonWriter& num(int64_t v);
  JsonWriter& boolean(bool v);
  JsonWriter& null();
  JsonWriter& raw(std::string_view json);  // already valid JSON
  // key + value shorthands
  JsonWriter& kv(std::string_view k, std::string_view v) { return key(k).str(v); }
  JsonWriter& kv(std::string_view k, const char* v) { return key(k).str(v); }
  JsonWriter& kv(std::string_view k, const std::string& v) { return key(k).str(v); }
  JsonWriter& kv(std::string_view k, const SecretText& v) { return key(k).str(v); }
  JsonWriter& kv(std::string_view k, int64_t v) { return key(k).num(v); }
  JsonWriter& kv(std::string_view k, int v) { return key(k).num(v); }
  JsonWriter& kv_bool(std::string_view k, bool v) { return key(k).boolean(v); }
  JsonWriter& kv_null(std::string_view k) { return key(k).null(); }

  // The text written so far. The buffer is SecretText: results carry secrets and tokens, and
  // every buffer the writer outgrows is wiped when it is freed.
  const SecretText& text() const { return out_; }
  // The text, moved out (no copy); the writer is empty afterwards.
  SecretText release() { return std::move(out_); }
  static std::string quote(std::string_view s);
  // The escaped content of a JSON string (no quotes) appended to `out`: what str() writes
  // between its quotes. A string written in pieces escapes as the whole would.
  static void append_escaped(SecretText& out, std::string_view s);

 private:
  void sep();
  void append_quoted(std::string_view s);
  SecretText out_;
  bool need_comma_ = false;
};

}  // namespace ords
