// client_edits.hpp: the handlers of client_edits.cpp, for the registration table in clients.cpp.
#pragma once
#include "../conn/call.hpp"

namespace ords::clients::edits {

Value update_client_privileges(Call& c);
Value update_client_token_duration(Call& c);
Value update_client_logo(Call& c);
Value rename_client(Call& c);
Value delete_client(Call& c);
Value grant_client_role(Call& c);
Value revoke_client_role(Call& c);

}  // namespace ords::clients::edits
