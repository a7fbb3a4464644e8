// secret_hash_text.hpp: a client secret's stored hash as text, so that it can travel in an
// exported script (export.cpp writes it, import_client_secret_hash reads it) while the secret
// itself never leaves the database it was issued in.
//
//   ords-secret-hash:v1:blake2b:-:<salt>:<hash>
//   ords-secret-hash:v1:argon2id:ops=<opslimit>,mem=<memlimit>:<salt>:<hash>
//
// <salt> (16 bytes) and <hash> (32 bytes) are base64url without padding (22 and 43 characters),
// exactly the bytes of ords_sec_client_secret's salt and hash columns; the Argon2id cost is the
// one recorded beside the hash (opslimit, memlimit in bytes), without which it cannot be verified.
// A BLAKE2b hash has no cost: its parameter field is "-".
// Reading is strict: the prefix and version, a known kind, canonical base64url of the exact
// lengths, decimal costs without sign or leading zero and within libsodium's bounds (from MIN up
// to SENSITIVE, the range a record must be in to ever verify). Anything else is refused, and no
// message repeats any part of the text (it is a hash).
#pragma once
#include <string>

#include "../core/crypto.hpp"

namespace ords::secrets {

std::string hash_to_text(const crypto::SecretHash& h);

// Throws Error("<param> ...") saying what is wrong, never quoting the value.
crypto::SecretHash hash_from_text(const std::string& text, const std::string& param);

}  // namespace ords::secrets
