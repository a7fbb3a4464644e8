#!/usr/bin/env bash
# check-docs.sh: the docs stand alone. For README.md, CHANGELOG.md and docs/*.md:
# - every relative Markdown link ([text](path)) names a file inside the repository that exists;
# - no mention of files a reader of the repository does not have (../shared/..., API.md,
#   SECURITY.md, STYLE.md, seeds);
# - no requirement ids a reader cannot look up (R-01, C-5 ...): say what is meant instead.
#
#   tools/check-docs.sh            one line per finding; "docs: N files, N findings" last
#   tools/check-docs.sh --self-test  a scratch page with one fault of each kind must give each
#
# Files named in PENDING below are reported as "pending" and do not fail the check: they are
# being fixed elsewhere; take a file off the list once it is clean (the check says when it is).
set -u
cd "$(dirname "$0")/.." || exit 2
if [ "${1:-}" = --self-test ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/docs"; touch "$tmp/docs/here.md"
  printf '%s\n' 'ok: [here](here.md), [web](https://example.org), [anchor](#x)' \
    'see [api](../../shared/API.md)' 'see [gone](missing.md)' 'as SECURITY.md says' \
    'the contract is `../shared/API.md`' 'from the seed tutorials' 'as R-26 requires' '(C-5)' \
    >"$tmp/docs/page.md"
  out=$(DOCS_ROOT=$tmp "$0" 2>&1)
  grep -q 'page.md:1:' <<<"$out" && { echo "$out"; echo "docs self-test: a good line was flagged"; exit 1; }
  for l in 2 3 4 5 6 7 8; do
    grep -q "^docs/page.md:$l:" <<<"$out" || { echo "$out"; echo "docs self-test: line $l's fault not found"; exit 1; }
  done
  echo "docs self-test: 7 planted faults found, the good line passed"
  exit 0
fi
[ -n "${DOCS_ROOT:-}" ] && { cd "$DOCS_ROOT" || exit 2; }
root=$(pwd)
PENDING=""

findings=0; pending=0; files=0
for f in README.md CHANGELOG.md docs/*.md; do
  [ -f "$f" ] || continue
  files=$((files + 1))
  is_pending=0; case " $PENDING " in *" $f "*) is_pending=1 ;; esac
  out=$(
    # links: ](target) where target is not a URL or an anchor
    grep -no '](\([^)#]*\)[^)]*)' "$f" | sed 's/](\([^)#]*\).*/ \1/' | while read -r loc target; do
      case "$target" in ''|http://*|https://*|mailto:*) continue ;; esac
      path=$(realpath -m "$(dirname "$f")/$target")
      case "$path" in
        "$root"/*) [ -e "$path" ] || echo "$f:${loc%:}: link to a missing file: $target" ;;
        *) echo "$f:${loc%:}: link outside the repository: $target" ;;
      esac
    done
    grep -nE '\.\./shared|\bAPI\.md\b|\bSECURITY\.md\b|\bSTYLE\.md\b|\bseeds?/|seed tutorials?' "$f" |
      sed "s|^|$f:|; s|\$|  <- a file outside the repository|"
    grep -nE '(^|[^A-Za-z0-9_-])[RC]-[0-9]+\b' "$f" | sed "s|^|$f:|; s|\$|  <- a requirement id|"
  )
  [ -z "$out" ] && { [ $is_pending = 1 ] && echo "docs: $f is clean now: take it off PENDING in tools/check-docs.sh"; continue; }
  n=$(grep -c . <<<"$out")
  if [ $is_pending = 1 ]; then
    pending=$((pending + n)); echo "pending ($n in $f, being fixed elsewhere):"; echo "$out" | cut -c1-160 | sed 's/^/  /'
  else
    findings=$((findings + n)); echo "$out" | cut -c1-160
  fi
done
echo "docs: $files files, $findings findings${pending:+, $pending pending}"
[ $findings -eq 0 ]
