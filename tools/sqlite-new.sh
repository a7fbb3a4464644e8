#!/usr/bin/env bash
# sqlite-new.sh: builds a sqlite3 shell from a newer SQLite amalgamation than the system's and runs
# the regress suite on it, so the extension is tested on more than one SQLite version.
#
#   tools/sqlite-new.sh BUILD          build BUILD/sqlite-new/sqlite3 (once) and run the regress
#                                      suite with it against BUILD/test/ords_security.so
#   tools/sqlite-new.sh --shell BUILD  only build the shell and print its path
#   tools/sqlite-new.sh --help
#
# Where the source comes from: the npm package sqlite3 (node-sqlite3) ships SQLite's own
# autoconf tarball, deps/sqlite-autoconf-NNNNNNN.tar.gz, which holds the amalgamation (sqlite3.c)
# AND the shell (shell.c) of one release. The package version is pinned below (SQLITE_NPM), and
# fetched with `npm pack` (the ordinary npm client; nothing is installed). The shell is compiled
# with cc -O1 and load_extension on; it takes about a minute the first time.
# SQLITE_NPM=sqlite3@X.Y.Z overrides the pin. The regress output goes to BUILD/regress-sqlite-new.
set -eu
case "${1:-}" in
  --help|-h|"") sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; [ -n "${1:-}" ]; exit $? ;;
esac
only_shell=0
if [ "$1" = --shell ]; then only_shell=1; shift; fi
build=${1:?usage: tools/sqlite-new.sh [--shell] BUILD}
pkg=${SQLITE_NPM:-sqlite3@6.0.1}   # ships sqlite-autoconf-3520000 (SQLite 3.52.0)
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(mkdir -p "$build" && cd "$build" && pwd)
dir=$build/sqlite-new
shell=$dir/sqlite3
cc=${CC:-cc}

if [ ! -x "$shell" ] || [ "$(cat "$dir/.pkg" 2>/dev/null)" != "$pkg" ]; then
  command -v npm >/dev/null || { echo "sqlite-new.sh: needs npm (apt-get install npm)" >&2; exit 2; }
  rm -rf "$dir"; mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "$pkg" >/dev/null) || { echo "sqlite-new.sh: npm pack $pkg failed" >&2; exit 2; }
  tgz=$(ls "$dir"/*.tgz)
  inner=$(tar tzf "$tgz" | grep -m1 'deps/sqlite-autoconf-[0-9]*\.tar\.gz$') ||
    { echo "sqlite-new.sh: $pkg ships no sqlite-autoconf tarball" >&2; exit 2; }
  tar xzf "$tgz" -C "$dir" "$inner"
  tar xzf "$dir/$inner" -C "$dir"
  src=$(ls -d "$dir"/sqlite-autoconf-*)
  echo "sqlite-new.sh: compiling $(basename "$src") (sqlite3.c + shell.c from $pkg)"
  "$cc" -O1 -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_MATH_FUNCTIONS \
    -I"$src" -o "$shell" "$src/shell.c" "$src/sqlite3.c" -lpthread -ldl -lm
  echo "$pkg" > "$dir/.pkg"
fi
echo "sqlite-new.sh: $("$shell" --version | cut -c1-30)"
[ $only_shell = 1 ] && { echo "$shell"; exit 0; }
# The suite runs from a copy (BUILD/sqlite-new/regress) that differs from regress/ only where the
# SHELL of 3.44+ differs from 3.40's, never where the extension's answers could (tools/sqlite-new.sed
# says which and why); the extension's output is compared byte for byte otherwise.
copy=$dir/regress
rm -rf "$copy"; mkdir -p "$copy/expected"
cp -r "$here/regress/sql" "$here/regress/schedule" "$here/regress/run.sh" "$copy/"
sed -E 's/^\.mode list$/.mode list -null NULL/' -i "$copy"/sql/*.sql
cat "$here/regress/normalize.sed" > "$copy/normalize.sed"
sed -n 's/^OUT: //p' "$here/tools/sqlite-new.sed" >> "$copy/normalize.sed"
sed -n 's/^EXPECTED: //p' "$here/tools/sqlite-new.sed" > "$copy/expected.sed"
for f in "$here"/regress/expected/*.out; do sed -E -f "$copy/expected.sed" "$f" > "$copy/expected/$(basename "$f")"; done
exec "$copy/run.sh" "$shell" "$build/test/ords_security.so" "$build/regress-sqlite-new"
