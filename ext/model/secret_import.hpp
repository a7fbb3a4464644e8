// secret_import.hpp: import_client_secret_hash, the function an exported script calls to install
// a client secret's hash that travelled from another database (export.cpp, docs/export.md):
//
//   select import_client_secret_hash('beers_client', 1, 'ords-secret-hash:v1:blake2b:-:...', '2026-11-22T07:33:06Z');
//
// p_client_name (or the named form's client_key), p_slot (1 or 2, required), p_hash (the text of
// secret_hash_text.hpp, required), p_issued_on (ISO 8601 UTC, YYYY-MM-DDTHH:MM:SSZ; NULL: now).
// The slot must be empty: an import never overwrites a live secret (revoke it first). The hash is
// installed as it came, kind, salt and Argon2id cost included, so the secrets that matched it in
// the first database match it here, and nothing else does; it is never stored readable, even when
// the secret was stored where it came from. A Writer (SQLITE_DIRECTONLY, atomic): it decides who
// can get tokens. Errors never repeat the hash.
#pragma once
#include <vector>

#include "../core/fn.hpp"

namespace ords::secrets {

const std::vector<FnSpec>& secret_import_functions();

}  // namespace ords::secrets
