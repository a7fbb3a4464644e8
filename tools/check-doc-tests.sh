#!/usr/bin/env bash
# check-doc-tests.sh: the doc-driven regress tests still run what the docs show, so neither can
# drift from the other (docs/testing.md, "Tests made from the docs").
#
#   tools/check-doc-tests.sh              check every doc-driven test; one line each
#   tools/check-doc-tests.sh --regenerate rewrite the generated tests from the docs (then run them,
#                                         read the diff of their output, accept)
#   tools/check-doc-tests.sh --self-test  change a copy of a doc example and expect the check to
#                                         notice (for each kind of test)
#
# Two kinds:
#   generated  the test is its header lines followed by the ```sql blocks of a doc section, in
#              order: regenerating it from the doc must give the file, byte for byte.
#   by hand    every line of the doc's examples (```sql blocks, or the `sqlite> ` lines of a shell
#              session) appears in the test, in the doc's order; the test may add lines between
#              them (a pinned clock, a seed, its own file name in place of the doc's app.db).
# Prints "doc-tests: N passed, N failed" last; exit 0 only if all passed.
set -u
cd "$(dirname "$0")/.." || exit 2
root=${DOC_TESTS_ROOT:-.}

# name | kind | header lines | doc | section: "all", "marker:<name>" (<!-- name:begin/end -->),
#        "from:<heading line>" (that line to the end of the page)
tests=(
  "16_reference_examples|generated|3|docs/reference.md|marker:foundation"
  "53_doc_decision|generated|4|docs/decision.md|from:## Statuses and tokens"
  "54_doc_flows|generated|5|docs/flows.md|all"
  "55_doc_reference_tokens|generated|4|docs/reference.md|marker:tokens"
  "33_docs_examples|byhand|0|docs/reference.md|marker:clients"
  "33_docs_examples|byhand|0|docs/secrets.md|session:## A worked session"
  "106_doc_export|byhand|0|docs/export.md|session:## A worked session"
  "126_purge_expired_sessions|byhand|0|docs/reference.md|marker:janitor"
)

section() {  # section DOC SPEC -> the part of the page
  local doc=$1 spec=$2
  case "$spec" in
    all) cat "$doc" ;;
    marker:*) sed -n "/<!-- ${spec#marker:}:begin -->/,/<!-- ${spec#marker:}:end -->/p" "$doc" ;;
    from:*|session:*) awk -v h="${spec#*:}" '$0 == h {on=1} on' "$doc" ;;
  esac
}
sql_blocks() { awk '/^```sql$/{on=1; next} /^```$/{on=0} on'; }
# The statements of a shell session: the `sqlite> ` lines of its ``` blocks, without the prompt;
# the shell's own commands (.load) and the file name of the doc's database are the test's own.
session_lines() {
  awk '/^```/{on=!on; next} on && /^sqlite> /{sub(/^sqlite> /, ""); print}' |
    grep -v '^\.' | sed "s/'app\.db'/'\${DB}'/g"
}

generate() {  # generate NAME HEADER DOC SPEC -> the test as the doc makes it
  sed -n "1,${2}p" "$root/regress/sql/$1.sql"
  section "$root/$3" "$4" | sql_blocks
}

# in_order TEST_FILE < lines: each line occurs in the file after the previous one's occurrence.
in_order() {
  awk -v file="$1" -v db="$2" '
    BEGIN { n = 0; while ((getline l < file) > 0) t[++n] = l; pos = 0; bad = 0 }
    { want = $0; gsub(/\$\{DB\}/, db, want)
      if (want ~ /^[[:space:]]*$/) next
      for (i = pos + 1; i <= n; i++) if (t[i] == want) break
      if (i > n) { print "  not in the test (in this order): " want; bad++; next }
      pos = i }
    END { exit bad > 0 }'
}

passed=0; failed=0
run_checks() {
  local entry name kind header doc spec out want
  for entry in "${tests[@]}"; do
    IFS='|' read -r name kind header doc spec <<<"$entry"
    want="$root/regress/sql/$name.sql"
    if [ "$kind" = generated ]; then
      if out=$(diff <(generate "$name" "$header" "$doc" "$spec") "$want"); then
        passed=$((passed + 1)); echo "ok      doc-tests: $name is $doc ($spec) as generated"
      else
        failed=$((failed + 1)); echo "FAILED  doc-tests: $name differs from $doc ($spec); regenerate:"
        echo "        (tools/check-doc-tests.sh --regenerate, run it, read the diff, accept); the difference:"
        echo "$out" | head -n 20 | sed 's/^/        /'
      fi
    else
      local lines
      case "$spec" in
        session:*) lines=$(section "$root/$doc" "$spec" | session_lines) ;;
        *) lines=$(section "$root/$doc" "$spec" | sql_blocks) ;;
      esac
      if [ -z "$lines" ]; then
        failed=$((failed + 1)); echo "FAILED  doc-tests: $name: no examples found in $doc ($spec)"
      elif out=$(in_order "$want" "${name%%_*}_app.db" <<<"$lines"); then
        passed=$((passed + 1)); echo "ok      doc-tests: $name runs every example of $doc ($spec)"
      else
        failed=$((failed + 1)); echo "FAILED  doc-tests: $name does not run $doc ($spec) as written:"
        echo "$out" | head -n 20
      fi
    fi
  done
}

case "${1:-}" in
  --regenerate)
    for entry in "${tests[@]}"; do
      IFS='|' read -r name kind header doc spec <<<"$entry"
      [ "$kind" = generated ] || continue
      generate "$name" "$header" "$doc" "$spec" >"regress/sql/$name.sql.new" &&
        mv "regress/sql/$name.sql.new" "regress/sql/$name.sql" && echo "regenerated $name from $doc"
    done
    exit 0 ;;
  --self-test)
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/docs" "$tmp/regress"
    cp -r docs/. "$tmp/docs/"; cp -r regress/sql "$tmp/regress/"
    misses=0
    # One example changes at a time (the first after a line of the section); the test made from
    # it must then fail.
    plants=("docs/reference.md|<!-- foundation:begin -->" "docs/reference.md|<!-- clients:begin -->"
            "docs/reference.md|<!-- tokens:begin -->" "docs/decision.md|## Statuses and tokens"
            "docs/flows.md|# " "docs/secrets.md|## A worked session" "docs/export.md|## A worked session")
    for p in "${plants[@]}"; do
      d=${p%%|*}; after=${p#*|}
      cp "$d" "$tmp/$d"
      awk -v after="$after" 'index($0, after) == 1 {seen=1}
           /^```sql$/{on=1; print; next} /^```$/{on=0}
           seen && !done && ((on && /^select /) || /^sqlite> select /) {print $0 " -- changed"; done=1; next}
           {print}' "$d" >"$tmp/$d"
      if cmp -s "$d" "$tmp/$d"; then echo "self-test: nothing to change after '$after' in $d"; misses=$((misses + 1)); continue; fi
      out=$(DOC_TESTS_ROOT="$tmp" "$0" 2>&1)
      if grep -q "^FAILED" <<<"$out"; then echo "self-test: a changed example of $d (after '$after') is caught"
      else echo "self-test: NOT caught: a changed example of $d (after '$after')"; misses=$((misses + 1)); fi
      cp "$d" "$tmp/$d"
    done
    out=$(DOC_TESTS_ROOT="$tmp" "$0" 2>&1) || { echo "$out"; echo "self-test: the copy itself fails"; misses=$((misses + 1)); }
    echo "doc-tests self-test: $misses missed"
    [ $misses -eq 0 ]
    exit ;;
esac

run_checks
echo "doc-tests: $passed passed, $failed failed"
[ $failed -eq 0 ]
