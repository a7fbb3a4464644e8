#!/usr/bin/env bash
# deps.sh: makes sure what ords_security builds and tests with is there; called by make before a
# build step. It looks for each thing itself (the compiler on PATH, the libraries through
# pkg-config, Catch2's header through the compiler, the sqlite3 shell on PATH), so on any system
# that has them it does nothing. On a Debian-like system it installs what is missing with apt-get,
# as root or through sudo; where it can do neither it prints the exact command and fails.
#
#   tools/deps.sh [STEP]   what `make` needs (default check):
#       build   a C++17 compiler ($CXX, default g++), pkg-config, sqlite3, libsodium and OpenSSL
#               (libcrypto) headers
#       shell   build + the sqlite3 shell ($SQLITE3, default sqlite3): make demo, make regress
#       gwlib   build + libmicrohttpd and libcurl headers: build/ords-gateway (plain make)
#       gateway shell + gwlib, and what the gateway's tests and benchmark run: curl, nginx (with
#               auth_request), wrk, openssl, python3 (make check-gateway, make bench-http)
#       check   shell + gateway + Catch2 2.x (<catch2/catch.hpp>) and the openssl command (the JWT
#               tests make keys with it): make check, make unit
#       pg      build + PostgreSQL 15 with its server headers (pg_config, PGXS, initdb):
#               make pg, make pg-install, make pg-check (docs/postgres.md); python3-psycopg2
#               (pg-check's shared regress cases, pg/shared.py)
#       fuzz    build + clang++ and its libFuzzer/ASan/UBSan runtimes (Debian clang,
#               libclang-rt-14-dev): make fuzz-check
#       sqlite-new  shell + npm (tools/sqlite-new.sh fetches SQLite's sources with npm pack):
#               make regress-sqlite-new
#   tools/deps.sh --list [STEP]         print the Debian package names of STEP and exit
#   tools/deps.sh --help
#
# ORDS_NO_APT=1 (or `make NO_DEPS=1`, which does not call this script at all) never installs:
# what is missing is reported as a warning and the build goes on (for libraries installed where
# pkg-config does not see them: pass CPPFLAGS and LDFLAGS to make).
set -u
cxx=${CXX:-g++}
pkgconfig=${PKG_CONFIG:-pkg-config}
shell=${SQLITE3:-sqlite3}

list=0
case "${1:-}" in
  --help|-h) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  --list) list=1; shift ;;
esac
step=${1:-check}
case "$step" in
  build|shell|gwlib|gateway|check|pg|fuzz|sqlite-new) ;;
  *) echo "deps.sh: unknown step '$step' (build, shell, gwlib, gateway, check, pg, fuzz or sqlite-new)" >&2; exit 2 ;;
esac

# what  probe-command  debian-package   (one line per need, in the order of the steps)
needs=(compiler pkgconfig sqlite3dev sodiumdev cryptodev)
case "$step" in build|gwlib|pg|fuzz) ;; *) needs+=(shell) ;; esac
[ "$step" = pg ] && needs+=(pgserver pgdev psycopg2)
[ "$step" = check ] && needs+=(catch2 opensslcmd)
# gateway: build/ords-gateway and make check-gateway / bench-http (check needs it too)
case "$step" in gwlib|gateway|check) needs+=(mhddev curldev) ;; esac
case "$step" in gateway|check) needs+=(curlcmd nginx wrk python3) ;; esac
[ "$step" = gateway ] && needs+=(opensslcmd)
[ "$step" = sqlite-new ] && needs+=(npm)
[ "$step" = fuzz ] && needs+=(clang fuzzrt)

package_of() {
  case "$1" in
    compiler) echo g++ ;; pkgconfig) echo pkg-config ;; sqlite3dev) echo libsqlite3-dev ;;
    sodiumdev) echo libsodium-dev ;; cryptodev) echo libssl-dev ;; shell) echo sqlite3 ;;
    catch2) echo catch2 ;; opensslcmd) echo openssl ;;
    pgserver) echo postgresql-15 ;; pgdev) echo postgresql-server-dev-15 ;; psycopg2) echo python3-psycopg2 ;;
    mhddev) echo libmicrohttpd-dev ;; curldev) echo libcurl4-openssl-dev ;; curlcmd) echo curl ;;
    nginx) echo nginx-light ;; wrk) echo wrk ;; python3) echo python3 ;;
    clang) echo clang ;; fuzzrt) echo libclang-rt-14-dev ;; npm) echo npm ;;
  esac
}
describe() {
  case "$1" in
    compiler) echo "a C++17 compiler ($cxx)" ;; pkgconfig) echo "pkg-config ($pkgconfig)" ;;
    sqlite3dev) echo "SQLite headers (pkg-config sqlite3)" ;;
    sodiumdev) echo "libsodium headers (pkg-config libsodium)" ;;
    cryptodev) echo "OpenSSL libcrypto headers (pkg-config libcrypto)" ;;
    opensslcmd) echo "the openssl command" ;;
    shell) echo "the sqlite3 shell ($shell)" ;; catch2) echo "Catch2 2.x (<catch2/catch.hpp>)" ;;
    pgserver) echo "PostgreSQL 15 (initdb, pg_ctl, psql, pg_regress)" ;;
    pgdev) echo "PostgreSQL 15 server headers and PGXS (pg_config --pgxs)" ;;
    psycopg2) echo "python3 with psycopg2 (make pg-check's shared regress cases, pg/shared.py)" ;;
    mhddev) echo "libmicrohttpd headers (pkg-config libmicrohttpd)" ;;
    curldev) echo "libcurl headers (pkg-config libcurl)" ;; curlcmd) echo "the curl command" ;;
    nginx) echo "nginx with auth_request (nginx-light)" ;; wrk) echo "the wrk benchmark" ;;
    python3) echo "python3 (the gateway tests' TLS server and hostile clients)" ;;
    clang) echo "clang++ (${FUZZ_CXX:-clang++})" ;;
    fuzzrt) echo "clang's libFuzzer and sanitizer runtimes (-fsanitize=fuzzer)" ;;
    npm) echo "npm (the npm client)" ;;
  esac
}
present() {
  case "$1" in
    compiler) command -v "$cxx" >/dev/null 2>&1 ;;
    pkgconfig) command -v "$pkgconfig" >/dev/null 2>&1 ;;
    sqlite3dev) "$pkgconfig" --exists sqlite3 2>/dev/null ;;
    sodiumdev) "$pkgconfig" --exists libsodium 2>/dev/null ;;
    cryptodev) "$pkgconfig" --exists libcrypto 2>/dev/null ;;
    opensslcmd) command -v openssl >/dev/null 2>&1 ;;
    shell) command -v "$shell" >/dev/null 2>&1 ;;
    psycopg2) { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import psycopg2'; } >/dev/null 2>&1 ||
              python3 -c 'import psycopg2' >/dev/null 2>&1 ;;
    pgserver) [ -x /usr/lib/postgresql/15/bin/initdb ] && [ -x /usr/lib/postgresql/15/bin/pg_ctl ] ;;
    # pgxs.mk alone is not enough: postgresql-client-15 ships it without the server headers
    pgdev) command -v "${PG_CONFIG:-pg_config}" >/dev/null 2>&1 &&
           [ -f "$("${PG_CONFIG:-pg_config}" --pgxs 2>/dev/null)" ] &&
           [ -f "$("${PG_CONFIG:-pg_config}" --includedir-server 2>/dev/null)/postgres.h" ] ;;
    mhddev) "$pkgconfig" --exists libmicrohttpd 2>/dev/null ;;
    curldev) "$pkgconfig" --exists libcurl 2>/dev/null ;;
    # (the commands also where Debian installs them: /usr/sbin is often not on a user's PATH)
    curlcmd) command -v curl >/dev/null 2>&1 || [ -x /usr/bin/curl ] ;;
    nginx) command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] ;;
    wrk) command -v wrk >/dev/null 2>&1 || [ -x /usr/bin/wrk ] ;;
    python3) command -v python3 >/dev/null 2>&1 || [ -x /usr/bin/python3 ] ;;
    clang) command -v "${FUZZ_CXX:-clang++}" >/dev/null 2>&1 ;;
    npm) command -v npm >/dev/null 2>&1 ;;
    fuzzrt) command -v "${FUZZ_CXX:-clang++}" >/dev/null 2>&1 &&
            printf 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }\n' |
              "${FUZZ_CXX:-clang++}" -fsanitize=fuzzer,address,undefined -x c++ -o /dev/null - >/dev/null 2>&1 ;;
    catch2) command -v "$cxx" >/dev/null 2>&1 &&
            printf '#include <catch2/catch.hpp>\n' |
              # shellcheck disable=SC2086
              "$cxx" ${CPPFLAGS:-} -x c++ -E -o /dev/null - >/dev/null 2>&1 ;;
  esac
}

if [ $list = 1 ]; then
  for n in "${needs[@]}"; do package_of "$n"; done
  exit 0
fi

missing=(); packages=()
for n in "${needs[@]}"; do
  present "$n" || { missing+=("$(describe "$n")"); packages+=("$(package_of "$n")"); }
done
[ ${#missing[@]} -eq 0 ] && exit 0

say_missing() {
  local m
  echo "deps.sh: not found:" >&2
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
}

if [ -n "${ORDS_NO_APT:-}" ] && [ "${ORDS_NO_APT}" != 0 ]; then
  say_missing
  echo "deps.sh: ORDS_NO_APT is set: installing nothing, going on" >&2
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  say_missing
  echo "deps.sh: this is not a Debian-like system: install them with your package manager," >&2
  echo "deps.sh: or, if they are installed where this script cannot see them, run make NO_DEPS=1" >&2
  echo "deps.sh: (with CPPFLAGS=-I... LDFLAGS=-L... as needed)" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  say_missing
  echo "deps.sh: run this, then make again (or make NO_DEPS=1 to skip this step):" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${packages[*]}" >&2
  exit 1
fi

echo "deps.sh: installing ${packages[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null || { echo "deps.sh: apt-get update failed" >&2; exit 1; }
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null ||
  { echo "deps.sh: apt-get install ${packages[*]} failed" >&2; exit 1; }
echo "deps.sh: done"
