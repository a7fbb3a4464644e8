#!/usr/bin/env bash
# fuzz-check.sh: builds every libFuzzer harness fuzz/*_fuzz.cpp with clang under ASan + UBSan and
# runs each for a bounded time; any crash, leak, timeout or sanitizer report fails (make fuzz-check,
# .ci/run).
#
#   tools/fuzz-check.sh [BUILD]     default BUILD=build; everything goes to BUILD/fuzz/
#   tools/fuzz-check.sh --help
#
# Discovery is generic: a harness is any fuzz/NAME_fuzz.cpp; its seed corpus is fuzz/corpus/NAME/
# when that folder exists, and its dictionary fuzz/NAME.dict when that file exists. The seeds are
# copied into BUILD/fuzz/corpus/NAME/ (the working corpus, which keeps what a run finds), so the
# repository's folders only ever hold the small committed seeds.
# Building: every ext/**/*.cpp (not ext/tests) is compiled once into BUILD/fuzz/libords_fuzz.a
# (-fsanitize=fuzzer-no-link,address,undefined; rebuilt when a source is newer), and each harness
# links against it, so a harness needs no list of sources: the archive gives it what it calls.
#
# Environment: FUZZ_CHECK_TIME seconds per harness (default 30), FUZZ_CXX (clang++),
# FUZZ_JOBS parallel compiles (default 2), FUZZ_ONLY="args form" runs only those harnesses.
# A crash leaves its input as BUILD/fuzz/NAME-crash-*; reproduce with BUILD/fuzz/NAME_fuzz FILE.
set -u
case "${1:-}" in --help|-h) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
build=${1:-build}
out=$build/fuzz
cxx=${FUZZ_CXX:-clang++}
secs=${FUZZ_CHECK_TIME:-30}
jobs=${FUZZ_JOBS:-2}
pkgconfig=${PKG_CONFIG:-pkg-config}
command -v "$cxx" >/dev/null || { echo "fuzz-check: needs $cxx (tools/deps.sh fuzz: clang, libclang-rt-14-dev)" >&2; exit 2; }
# shellcheck disable=SC2046
cflags="-std=c++17 -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined \
  $($pkgconfig --cflags sqlite3 libsodium libcrypto 2>/dev/null)"
libs="$($pkgconfig --libs libsodium 2>/dev/null || echo -lsodium) $($pkgconfig --libs libcrypto 2>/dev/null || echo -lcrypto)"
mkdir -p "$out/obj"

# 1. the archive of ext/
# (the SQLite build's sources: not the PostgreSQL host, which needs PostgreSQL's headers)
mapfile -t srcs < <(find ext -name '*.cpp' -not -path 'ext/tests/*' -not -path 'ext/host/pg/*' -not -name db_pg.cpp | sort)
stale=()
for s in "${srcs[@]}"; do
  o=$out/obj/${s//\//_}.o
  if [ ! -f "$o" ] || [ "$s" -nt "$o" ] || [ -n "$(find ext -name '*.hpp' -newer "$o" -print -quit)" ]; then stale+=("$s"); fi
done
if [ ${#stale[@]} -gt 0 ]; then
  echo "fuzz-check: compiling ${#stale[@]} sources of ext/ (ASan + UBSan + fuzzer-no-link)"
  # shellcheck disable=SC2086
  printf '%s\n' "${stale[@]}" | xargs -P "$jobs" -I{} sh -c \
    'o="$0/obj/$(echo "$1" | tr / _).o"; '"$cxx"' '"$cflags"' -fsanitize=fuzzer-no-link -c "$1" -o "$o" || { rm -f "$o"; exit 255; }' "$out" {} ||
    { echo "fuzz-check: compiling ext/ failed" >&2; exit 1; }
  rm -f "$out/libords_fuzz.a"
fi
[ -f "$out/libords_fuzz.a" ] || ar rcs "$out/libords_fuzz.a" "$out"/obj/*.o

# 2. each harness: build, run
passed=0; failed=0; names=()
for f in fuzz/*_fuzz.cpp; do
  name=$(basename "$f" _fuzz.cpp)
  if [ -n "${FUZZ_ONLY:-}" ] && ! printf ' %s ' "$FUZZ_ONLY" | grep -q " $name "; then continue; fi
  names+=("$name")
  bin=$out/${name}_fuzz
  if [ ! -x "$bin" ] || [ "$f" -nt "$bin" ] || [ "$out/libords_fuzz.a" -nt "$bin" ] ||
     { [ -f "fuzz/$name.uses" ] && [ -n "$(find gateway fuzz/"$name".uses -newer "$bin" -print -quit 2>/dev/null)" ]; }; then
    # shellcheck disable=SC2086
    # A harness of code outside ext/ names its sources and pkg-config modules in fuzz/<name>.uses
    # ("sources: a.cpp b.cpp" and "pkg: libmicrohttpd"): the gateway's request readers.
    extra=(); pkgs=""
    if [ -f "fuzz/$name.uses" ]; then
      read -r -a extra <<<"$(sed -n 's/^sources: *//p' "fuzz/$name.uses")"
      pkgs=$(sed -n 's/^pkg: *//p' "fuzz/$name.uses")
    fi
    pkg_flags=""; [ -n "$pkgs" ] && pkg_flags="$($pkgconfig --cflags --libs $pkgs 2>/dev/null)"
    if ! "$cxx" $cflags -fsanitize=fuzzer -o "$bin" "$f" "${extra[@]}" "$out/libords_fuzz.a" $libs $pkg_flags; then
      echo "FAILED  $name (does not build)"; failed=$((failed + 1)); continue
    fi
  fi
  corpus=$out/corpus/$name
  mkdir -p "$corpus"
  [ -d "fuzz/corpus/$name" ] && cp -n fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null
  dict=(); [ -f "fuzz/$name.dict" ] && dict=(-dict="fuzz/$name.dict")
  log=$out/$name.log
  ( cd "$out" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      "./${name}_fuzz" "${dict[@]/-dict=/-dict=$here/}" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
      -max_len=9000 -artifact_prefix="$name-" -print_final_stats=1 "corpus/$name" ) >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ $rc -eq 0 ]; then
    echo "ok      $name (${runs:-?} inputs in ${secs} s, corpus $(ls "$corpus" | wc -l))"; passed=$((passed + 1))
  else
    echo "FAILED  $name (exit $rc; $log):"; grep -m5 -E "ERROR|SUMMARY|runtime error|deadly" "$log" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
done
echo "fuzz-check: $passed passed, $failed failed (${names[*]:-none})"
[ $failed -eq 0 ]
