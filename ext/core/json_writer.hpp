// json_writer.hpp: builds JSON text for results (credentials, info, decisions).
//
// Writing is all the core does with JSON; parsing belongs to the host (SQLite's json1), so no
// hand-written parser lives here. Strings are escaped per RFC 8259; the writer keeps track of
// commas so callers only say what goes in.
#pragma once
#include <cstdint>
#include <string>

namespace ords {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(const std::string& k);
  JsonWriter& str(const std::string& v);
  JsonWriter& num(int64_t v);
  JsonWriter& boolean(bool v);
  JsonWriter& null();
  JsonWriter& raw(const std::string& json);  // already valid JSON
  // key + value shorthands
  JsonWriter& kv(const std::string& k, const std::string& v) { return key(k).str(v); }
  JsonWriter& kv(const std::string& k, const char* v) { return key(k).str(v); }
  JsonWriter& kv(const std::string& k, int64_t v) { return key(k).num(v); }
  JsonWriter& kv(const std::string& k, int v) { return key(k).num(v); }
  JsonWriter& kv_bool(const std::string& k, bool v) { return key(k).boolean(v); }
  JsonWriter& kv_null(const std::string& k) { return key(k).null(); }

  const std::string& text() const { return out_; }
  static std::string quote(const std::string& s);

 private:
  void sep();
  std::string out_;
  bool need_comma_ = false;
};

}  // namespace ords
