// client_memo.hpp: what the token endpoint remembers of the clients it authenticated, per
// connection (ISSUE 14: the client row and both secret slots were a statement of about 12,000
// instructions in every oauth_token call).
//
// The memo keeps, for the last few client_id values presented on this connection, what the
// authentication statement read: the client record (or that there is no such client) and the
// slots' hash records. It never keeps the outcome of a verification: every call hashes the
// presented secret against both slots again (secrets::matching_slots: constant-time compares,
// a dummy verification for an empty slot), exactly as without the memo. An unknown client_id is
// remembered like a known one, so a presented id costs the same whether or not a client has it
// the hashes are wiped when an entry is dropped.
//
// When it is trusted (all three, else the statement is read again and the memo filled anew):
//   - only inside a Transaction of ours that is the connection's whole transaction (the token
//     endpoint in autocommit: BEGIN IMMEDIATE), through a store::DataVersionCache with
//     Scope::OwnTransactions: any commit by another connection (a secret rotated, a client
//     deleted or changed elsewhere), any commit of this connection's own SQL, and any rollback of
//     ours drop it (data_version_cache.hpp, rules 1 to 4);
//   - only when no other writer ran on this connection since the memo was last used: every
//     writer call passes Call::begin_write, which counts (ConnState::writer_calls), so a
//     rotate_client_secret, update_client or delete_client of this connection, whose own commit
//     would otherwise carry the memo, drops it; nor a migration (the schema version must be the
//     one it was filled under);
//   - never on PostgreSQL, whose calls are subtransactions of the caller's (never our own whole
//     transaction): there the statement runs every time, as before.
#pragma once
#include <optional>
#include <string_view>

#include "../conn/conn_state.hpp"
#include "clients.hpp"

namespace ords::clients {

// clients::authenticate (secret_slots.cpp) through the connection's memo: the same answer, the
// same verification work, without the statement when the memo is trusted (above).
std::optional<ClientRecord> authenticate(ConnState& s, std::string_view client_id, std::string_view secret);

#ifdef ORDS_SECURITY_TESTING
// Test builds: how many times the authentication statement ran on this connection.
size_t auth_reads(const ConnState& s);
#endif

}  // namespace ords::clients
