// bind_fast.hpp: the one-pass binding of the plainest named calls (ISSUE 14, the token endpoint's
// speed), beside the generic path of bind_call (conn/bind_call.cpp: json::parse, then bind_named).
//
// A named call whose text is a flat JSON object of plain strings, every key a distinct Text,
// Name or Raw parameter (or an unknown key the function ignores), is bound straight from the text
// without building the parsed object. Anything else, and anything the generic path would refuse,
// is left to it: the fast path either produces Args that read exactly as the generic path's
// (every accessor answers alike; absent parameters are left out instead of stored as NULLs not
// given), or declines (returns false, `out` untouched) and the generic path runs, with its own
// messages.
// What it takes, all of it checked before anything is bound:
//   - at most 64 KiB of text: `{`, then members `"key" : "value"` separated by `,`, then `}`, with
//     JSON whitespace (space, tab, CR, LF) around the tokens and nothing after the object;
//   - keys and values of printable ASCII only (0x20..0x7E): no escape (`\`), no control
//     character, no NUL, no byte above 0x7E, so the text is the value and valid UTF-8;
//   - at most 16 members and 64 bytes a key; no two keys equal and no two naming one parameter;
//   - values within their parameter's rules: a Name not empty, at most 255 characters, no space
//     or tab at either end; a Text at most its max_chars (4000 by default); a Raw at most 1 MiB;
//   - every required parameter given; the function's first parameter is not Object or Json (such
//     a function may take a lone object positionally, which bind_call decides).
// ext/tests/bind_fast_test.cpp checks that both paths agree, byte for byte, on many inputs.
#pragma once
#include <string_view>

#include "fn.hpp"

namespace ords {

// Binds `text` (the named-argument object of a call of `spec`) into `out` when it is one of the
// plainest calls described above; false when it is not (nothing bound; use the generic path).
bool bind_named_fast(const FnSpec& spec, std::string_view text, Args& out);

}  // namespace ords
