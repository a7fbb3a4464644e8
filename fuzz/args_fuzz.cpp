// args_fuzz.cpp: libFuzzer harness for the named-argument path: JSON text through the one strict
// reader (core/json_reader) and, when it is an object, bound to a function's parameters by
// bind_named (core/bind.cpp) and checked by check_param (core/args.cpp), as every SQL function's
// named form does; the input as one raw text value through check_param for every ParamType, as
// a positional argument is.
//
//   tools/fuzz-check.sh BUILD                 builds and runs every fuzz/*_fuzz.cpp (make fuzz-check)
//   BUILD/fuzz/args_fuzz -max_total_time=300 fuzz/corpus/args
//
// Nothing may crash, leak or hang; refusals are ords::Error (json::ParseError for the reader)
// whose message starts with the parameter or the function and is bounded in size.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../ext/core/args.hpp"
#include "../ext/core/error.hpp"
#include "../ext/core/fn.hpp"
#include "../ext/core/json_reader.hpp"

using namespace ords;

namespace {

void require(bool ok) {
  if (!ok) abort();
}

Value noop(Call&) { return Value::null(); }

const FnSpec& spec() {
  static const FnSpec s = [] {
    FnSpec f{"fuzz_fn",
             {{"role_name", ParamType::Name, true},
              {"label", ParamType::Text},
              {"items_per_page", ParamType::Int},
              {"enabled", ParamType::Bool},
              {"roles", ParamType::List},
              {"client_key", ParamType::Object},
              {"logo", ParamType::Blob},
              {"jwks", ParamType::Json},
              {"path", ParamType::Raw}},
             {{"client_secret", ParamType::Object}},
             FnKind::Writer,
             noop};
    return f;
  }();
  return s;
}

const ParamType kTypes[] = {ParamType::Name, ParamType::Text, ParamType::Int,  ParamType::Bool, ParamType::List,
                            ParamType::Object, ParamType::Blob, ParamType::Json, ParamType::Raw};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  try {
    Value v = json::parse(in, "fuzz_fn: the named-argument object");
    if (v.kind == Value::Kind::Object) {
      try {
        Args a = bind_named(spec(), v);
        require(a.has("role_name"));  // required: bind_named refuses an object without it
      } catch (const Error& e) {
        require(std::string(e.what()).size() < 4096);
      }
    }
  } catch (const json::ParseError& e) {
    require(std::string(e.what()).rfind("fuzz_fn: ", 0) == 0);
  } catch (const Error& e) {
    require(std::string(e.what()).size() < 4096);
  }
  for (ParamType t : kTypes) {
    ParamSpec p{"some_param", t};
    try {
      check_param(p, Value::text(SecretText(in)));
    } catch (const Error& e) {
      require(std::string(e.what()).rfind("p_some_param", 0) == 0 || std::string(e.what()).size() < 4096);
    }
  }
  return 0;
}
