#!/usr/bin/env bash
# deps.sh: makes sure the Debian packages ords_security builds and tests with are installed.
# Called by make before any build step. Installs what is missing with apt-get, as root or through
# sudo; where it can do neither, prints the exact command to run and fails.
#
#   tools/deps.sh           check and install the build and test packages
#   tools/deps.sh --list    print the package names and exit
#   tools/deps.sh --help
set -u
packages=(g++ make pkg-config sqlite3 libsqlite3-dev libsodium-dev libssl-dev openssl catch2)

case "${1:-}" in
  --help|-h) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  --list) printf '%s\n' "${packages[@]}"; exit 0 ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "deps.sh: missing packages: ${missing[*]}" >&2
  echo "deps.sh: this is not a Debian-like system; install the equivalents of: ${missing[*]}" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "deps.sh: missing packages: ${missing[*]}" >&2
  echo "deps.sh: run this, then make again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null || { echo "deps.sh: apt-get update failed" >&2; exit 1; }
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
  { echo "deps.sh: apt-get install ${missing[*]} failed" >&2; exit 1; }
echo "deps.sh: done"
