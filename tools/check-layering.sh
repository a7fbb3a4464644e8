#!/usr/bin/env bash
# check-layering.sh: the include rules of docs/architecture.md ("Layering"), checked on the sources.
#
#   tools/check-layering.sh [EXT_DIR]   check EXT_DIR (default ext/); one line per rule broken
#   tools/check-layering.sh --self-test plant one violation of each rule, each alone in a scratch
#                                       tree, and expect each to be caught (so the check cannot
#                                       silently pass everything)
#
# Each `#include "..."` is resolved against the including file's folder; the layer of a file is
# its first folder under ext/ (ext/ords_security.cpp is the entry point). The rules:
#   core/    includes only core/ (a leaf: no store, conn, model, oauth, policy, host)
#   store/   includes only core/ and store/
#   conn/    includes only core/, store/ and conn/
#   jwt/     includes only core/ and jwt/ (the JWT verifier: no store, no model, no SQLite)
#   model/   includes no oauth/, policy/ or host/
#   oauth/, policy/  include no host/
#   plsql/   includes no oauth/, policy/ or host/ but host/registry.hpp
#   <sqlite3.h> / <sqlite3ext.h>: only host/, store/db_sqlite.cpp and the entry point
#   PostgreSQL's headers (<postgres.h>, <fmgr.h>, <executor/...> ...): only host/pg/ and
#   store/db_pg.cpp (the PostgreSQL host and store, docs/postgres.md)
# ext/tests/ (the unit tests, which link SQLite) is exempt.
# Prints "layering: N files, N violations" last; exit 0 only when there are none.
set -u

allowed_layers() {  # the layers a layer may include ("*" any but the forbidden)
  case "$1" in
    core) echo "core" ;;
    store) echo "core store" ;;
    conn) echo "core store conn" ;;
    jwt) echo "core jwt" ;;
    model) echo "-oauth -policy -host" ;;
    oauth|policy) echo "-host" ;;
    plsql) echo "-oauth -policy -host" ;;   # and host/registry.hpp alone (below)
    *) echo "" ;;   # host, the entry point: anything
  esac
}
may_include_sqlite() {  # path relative to ext/
  case "$1" in host/*|store/db_sqlite.cpp|ords_security.cpp) return 0 ;; esac
  return 1
}

may_include_pg() {  # path relative to ext/
  case "$1" in host/pg/*|store/db_pg.cpp) return 0 ;; esac
  return 1
}
is_pg_header() {
  case "$1" in
    '<postgres.h>'|'<postgres_ext.h>'|'<fmgr.h>'|'<funcapi.h>'|'<miscadmin.h>'|'<access/'*|'<catalog/'*| \
    '<executor/'*|'<nodes/'*|'<parser/'*|'<tcop/'*|'<utils/'*|'<storage/'*) return 0 ;;
  esac
  return 1
}

check_tree() {  # check_tree EXT_DIR -> prints violations, returns their count (capped at 255)
  local root=$1 files=0 bad=0 f rel layer inc target tlayer allowed
  while IFS= read -r f; do
    rel=${f#"$root"/}
    case "$rel" in tests/*) continue ;; esac
    files=$((files + 1))
    layer=${rel%%/*}; [ "$layer" = "$rel" ] && layer=entry
    allowed=$(allowed_layers "$layer")
    while IFS= read -r inc; do
      case "$inc" in
        '<sqlite3.h>'|'<sqlite3ext.h>')
          if ! may_include_sqlite "$rel"; then
            echo "layering: ext/$rel includes $inc (only host/, store/db_sqlite.cpp and the entry point may)"
            bad=$((bad + 1))
          fi
          continue ;;
        '<'*)
          if is_pg_header "$inc" && ! may_include_pg "$rel"; then
            echo "layering: ext/$rel includes $inc (only host/pg/ and store/db_pg.cpp may)"
            bad=$((bad + 1))
          fi
          continue ;;
      esac
      inc=${inc#\"}; inc=${inc%\"}
      target=$(realpath -m --relative-to="$root" "$(dirname "$f")/$inc")
      case "$target" in
        ../*) echo "layering: ext/$rel includes \"$inc\", outside ext/"; bad=$((bad + 1)); continue ;;
      esac
      tlayer=${target%%/*}; [ "$tlayer" = "$target" ] && tlayer=entry
      [ "$tlayer" = "$layer" ] && continue
      # ords_plsql calls the registered functions: the registration table, nothing else of host/.
      [ "$layer" = plsql ] && [ "$target" = host/registry.hpp ] && continue
      [ -z "$allowed" ] && continue
      local ok=1 a
      if [ "${allowed#-}" != "$allowed" ]; then
        for a in $allowed; do [ "${a#-}" = "$tlayer" ] && ok=0; done
      else
        ok=0; for a in $allowed; do [ "$a" = "$tlayer" ] && ok=1; done
      fi
      if [ $ok = 0 ]; then
        echo "layering: ext/$rel ($layer/) includes ext/$target ($tlayer/)"
        bad=$((bad + 1))
      fi
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*\(["<][^">]*[">]\).*/\1/p' "$f")
  done < <(find "$root" -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) | sort)
  echo "layering: $files files, $bad violations"
  [ $bad -lt 255 ] || bad=255
  return $bad
}

if [ "${1:-}" = --self-test ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  cases=(
    'core/planted.hpp|#include "../store/db.hpp"'
    'core/planted.cpp|#include "../conn/call.hpp"'
    'store/planted.cpp|#include "../model/roles.hpp"'
    'conn/planted.cpp|#include "../model/roles.hpp"'
    'model/planted.cpp|#include "../oauth/scope.hpp"'
    'model/planted2.cpp|#include "../policy/match.hpp"'
    'policy/planted.cpp|#include "../host/registry.hpp"'
    'model/planted3.cpp|#include <sqlite3ext.h>'
    'core/planted2.cpp|#include "../../fuzz/x.hpp"'
    'jwt/planted.cpp|#include "../store/db.hpp"'
    'model/planted4.cpp|#include <executor/spi.h>'
    'host/planted.cpp|#include <postgres.h>'
    'plsql/planted.cpp|#include "../host/sqlite_fn.hpp"'
    'plsql/planted2.cpp|#include "../policy/decision.hpp"'
  )
  fails=0
  for c in "${cases[@]}"; do
    # A tree holding only the planted file: a rule depends only on the including file's place.
    rm -rf "$tmp/t"; mkdir -p "$tmp/t/$(dirname "${c%%|*}")"
    printf '// planted\n%s\n' "${c#*|}" > "$tmp/t/${c%%|*}"
    if check_tree "$tmp/t" >/dev/null; then
      echo "self-test: NOT caught: ext/${c%%|*}: ${c#*|}"; fails=$((fails + 1))
    else
      echo "self-test: caught ext/${c%%|*}: ${c#*|}"
    fi
  done
  echo "layering self-test: ${#cases[@]} planted, $fails missed"
  [ $fails -eq 0 ]
  exit
fi

root=${1:-$(cd "$(dirname "$0")/.." && pwd)/ext}
root=$(cd "$root" && pwd)
check_tree "$root"
