#!/usr/bin/env bash
# check-examples.sh: the seed scenarios (sql/examples/), their tutorial pages (docs/tutorials/) and
# the application examples (docs/examples/), checked the way a user would run them.
#
#   tools/check-examples.sh [SQLITE3] [BUILD_DIR] [NAME ...]
#   tools/check-examples.sh --accept [SQLITE3] [BUILD_DIR] NAME ...   copy outputs to expected/
#   tools/check-examples.sh --sync-docs [SQLITE3] [BUILD_DIR]         refresh the pages' embedded copies
#
# 1. Each sql/examples/NAME.sql runs in the sqlite3 shell against the release build, in the work
#    folder BUILD_DIR/examples/ (emptied first), where build/ords_security.so is a link to
#    BUILD_DIR/ords_security.so, so the script's own `.load build/ords_security` works as written:
#      sqlite3 -init /dev/null -batch NAME.db < NAME.sql     (LC_ALL=C TZ=UTC, stderr merged)
#    Its output BUILD_DIR/examples/NAME.out must equal sql/examples/expected/NAME.out; differences
#    go to BUILD_DIR/examples/examples.diffs. The scripts print no secret or token, only properties.
# 2. Each docs/tutorials/*.md page embeds copies of files between `<!-- embed: PATH -->` and
#    `<!-- /embed -->` (inside a fenced block): each copy must equal the file (the script, and
#    its expected output), so a page never shows a script or an output that is not the real one.
# 3. docs/examples/{python,node,c}: each program runs where its runtime is present (a python3 whose
#    sqlite3 module can load extensions; node and a working `npm ci`; cc with pkg-config sqlite3)
#    and asserts its own outcomes (exit 0); otherwise it is skipped with the reason printed.
# Prints `ok`, `FAILED` or `skipped` per item and ends with `examples: N passed, N failed, N skipped`.
# Exit status: 0 when nothing failed, 1 otherwise, 2 when it could not run.
set -u
mode=check
case "${1:-}" in
  --accept) mode=accept; shift ;;
  --sync-docs) mode=sync; shift ;;
esac
sqlite=${1:-sqlite3}
b=${2:-build}
[ $# -ge 2 ] && shift 2 || shift $#
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
ext="$b/ords_security.so"
[ -f "$ext" ] || { echo "check-examples: no release build at $ext (run make)" >&2; exit 2; }
command -v "$sqlite" >/dev/null || { echo "check-examples: no sqlite3 shell ($sqlite)" >&2; exit 2; }
ext=$(cd "$(dirname "$ext")" && pwd)/$(basename "$ext")
work="$root/$b/examples"
passed=0; failed=0; skipped=0
ok()   { passed=$((passed + 1));   printf 'ok      %s\n' "$1"; }
bad()  { failed=$((failed + 1));   printf 'FAILED  %s\n' "$1"; }
skip() { skipped=$((skipped + 1)); printf 'skipped %s: %s\n' "$1" "$2"; }

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in sql/examples/*.sql; do names+=("$(basename "$f" .sql)"); done
fi
if [ "$mode" = accept ] && [ $# -eq 0 ]; then
  echo "check-examples: --accept needs the names of the examples to accept" >&2; exit 2
fi

# --- 1. the seed scenarios ------------------------------------------------------------------
rm -rf "$work"
mkdir -p "$work/build"
ln -sf "$ext" "$work/build/ords_security.so"
stdbuf_cmd=()
command -v stdbuf >/dev/null && stdbuf_cmd=(stdbuf -oL -eL)
for n in "${names[@]}"; do
  [ -f "sql/examples/$n.sql" ] || { echo "check-examples: no sql/examples/$n.sql" >&2; exit 2; }
  (cd "$work" && LC_ALL=C TZ=UTC "${stdbuf_cmd[@]}" "$sqlite" -init /dev/null -batch "$n.db" \
     <"$root/sql/examples/$n.sql" >"$work/$n.out" 2>&1)
  if [ "$mode" = accept ]; then
    cp "$work/$n.out" "sql/examples/expected/$n.out" && echo "accepted $n"
  elif [ -f "sql/examples/expected/$n.out" ] && cmp -s "sql/examples/expected/$n.out" "$work/$n.out"; then
    ok "sql/examples/$n"
  else
    bad "sql/examples/$n"
    if [ -f "sql/examples/expected/$n.out" ]; then
      diff -u "sql/examples/expected/$n.out" "$work/$n.out" >>"$work/examples.diffs"
    else
      echo "--- no sql/examples/expected/$n.out; $work/$n.out is new" >>"$work/examples.diffs"
    fi
  fi
done
[ "$mode" = accept ] && exit 0

# --- 2. the tutorial pages embed the real script and output ---------------------------------
# embedded PAGE: prints "PATH<TAB>LINE" for each embed marker of PAGE.
embeds() { awk '/^<!-- embed: .* -->$/ { p = $3; print p "\t" NR }' "$1"; }
# copy_at PAGE LINE: the lines of the fenced block that follows the marker at LINE.
copy_at() {
  awk -v start="$2" 'NR <= start { next }
    !open && /^```/ { open = 1; next }
    open && /^```$/ { exit }
    open { print }' "$1"
}
# sync PAGE: rewrites every embedded copy of PAGE from its file.
sync_page() {
  local page=$1 tmp
  tmp=$(mktemp)
  awk 'function emit(path,   line, fence) {
         fence = (path ~ /\.sql$/) ? "sql" : "text"
         print "```" fence
         while ((getline line < path) > 0) print line
         close(path)
         print "```"
       }
       /^<!-- embed: .* -->$/ { print; emit($3); skipping = 1; next }
       skipping && /^<!-- \/embed -->$/ { skipping = 0; print; next }
       skipping { next }
       { print }' "$page" >"$tmp" && mv "$tmp" "$page"
}
for page in docs/tutorials/*.md; do
  [ -f "$page" ] || continue
  if [ "$mode" = sync ]; then
    [ -n "$(embeds "$page")" ] && sync_page "$page" && echo "synced  $page"
    continue
  fi
  good=1; count=0
  while IFS=$'\t' read -r path line; do
    count=$((count + 1))
    if [ ! -f "$path" ] || ! cmp -s <(copy_at "$page" "$line") "$path"; then
      good=0; echo "  $page line $line: the copy of $path differs (tools/check-examples.sh --sync-docs)"
    fi
  done < <(embeds "$page")
  [ $count -eq 0 ] && continue   # a page that embeds nothing (the index) has nothing to check
  if [ $good = 1 ]; then ok "$page ($count embedded files)"; else bad "$page"; fi
done
[ "$mode" = sync ] && exit 0

# --- 3. the application examples ------------------------------------------------------------
# Each program takes the extension path (without .so) as its argument and exits 0 only when every
# outcome it asserts held; exit 77 means "cannot run here" (a skip, with its reason printed).
extbase="${ext%.so}"
run_app() {  # run_app LABEL LOG CMD...
  local label=$1 log=$2 rc
  shift 2
  "$@" >"$log" 2>&1; rc=$?
  if [ $rc -eq 0 ]; then ok "$label"
  elif [ $rc -eq 77 ]; then skip "$label" "$(tail -n 1 "$log")"
  else tail -n 15 "$log" | sed 's/^/  /'; bad "$label"
  fi
}

# Python: the first python3 whose sqlite3 module can load extensions (pyenv builds often cannot;
# Debian's /usr/bin/python3 can).
py=""
for cand in python3 /usr/bin/python3; do
  if command -v "$cand" >/dev/null &&
     "$cand" -c 'import sqlite3,sys; sys.exit(0 if hasattr(sqlite3.connect(":memory:"), "enable_load_extension") else 1)' 2>/dev/null; then
    py=$cand; break
  fi
done
if [ -n "$py" ]; then
  run_app "docs/examples/python (with $py)" "$work/python.log" "$py" docs/examples/python/app.py "$extbase"
elif command -v python3 >/dev/null; then
  skip docs/examples/python "no python3 here has an sqlite3 module with load_extension (see docs/examples/README.md)"
else
  skip docs/examples/python "no python3"
fi

# Node: better-sqlite3 from the npm registry, installed from the lock file into node_modules/.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  skip docs/examples/node "no node or npm"
elif ! (cd docs/examples/node && { [ -d node_modules/better-sqlite3 ] || npm ci --no-audit --no-fund >"$work/npm.log" 2>&1; }); then
  skip docs/examples/node "npm ci failed (see $work/npm.log)"
else
  run_app docs/examples/node "$work/node.log" node docs/examples/node/app.js "$extbase"
fi

# C: libsqlite3 with cc and pkg-config.
if ! command -v cc >/dev/null; then
  skip docs/examples/c "no cc"
elif ! pkg-config --exists sqlite3 2>/dev/null; then
  skip docs/examples/c "no pkg-config or no sqlite3.pc (apt-get install libsqlite3-dev pkg-config)"
elif ! cc -std=c99 -Wall -Wextra -o "$work/app_c" docs/examples/c/app.c \
         $(pkg-config --cflags --libs sqlite3) >"$work/cc.log" 2>&1; then
  sed 's/^/  /' "$work/cc.log" | tail -n 15; bad "docs/examples/c (does not compile)"
else
  run_app docs/examples/c "$work/c.log" "$work/app_c" "$extbase"
fi

[ $failed -gt 0 ] && [ -f "$work/examples.diffs" ] && echo "differences: $work/examples.diffs"
echo "examples: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
