#!/usr/bin/env bash
# check.sh: everything `make check` runs, in one report.
#   tools/check.sh [SQLITE3] [BUILD_DIR]
#   1. the Catch2 unit tests (BUILD_DIR/unit_tests)
#   2. the regress suite against the test build (regress/run.sh)
#   3. the release-build checks (tools/check-release.sh)
#   4. the demo (sql/demo.sql) runs to its end on the release build
#   5. the repository: the build and packaging promises (tools/check-build.sh), the layering of
#      ext/ (tools/check-layering.sh), the doc-driven tests against their docs
#      (tools/check-doc-tests.sh), the docs standing alone (tools/check-docs.sh); the checkers
#      also prove they catch a planted fault
# Ends with the totals of the whole run: "check: N passed, N failed". Exit 0 only if all passed.
set -u
sqlite=${1:-sqlite3}
b=${2:-build}
cd "$(dirname "$0")/.." || exit 2
total_p=0; total_f=0
add() {  # add PASSED FAILED
  total_p=$((total_p + $1)); total_f=$((total_f + $2))
}

echo "== unit tests (Catch2)"
out=$("$b"/unit_tests 2>&1); rc=$?
echo "$out" | tail -n 40
if [[ "$out" =~ All\ tests\ passed\ \([0-9]+\ assertions?\ in\ ([0-9]+)\ test\ cases?\) ]]; then
  add "${BASH_REMATCH[1]}" 0
elif [[ "$out" =~ test\ cases:\ +([0-9]+)\ \|\ +([0-9]+)\ passed\ \|\ +([0-9]+)\ failed ]]; then
  add "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
else
  add 0 1
fi
[ $rc -eq 0 ] || [ $total_f -gt 0 ] || add 0 1

echo "== regress (sqlite3 shell, test build)"
out=$(regress/run.sh "$sqlite" "$b"/test/ords_security.so "$b"/regress 2>&1); rc=$?
echo "$out"
if [[ "$out" =~ regress:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
  add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
else
  add 0 1
fi
[ -f "$b"/regress/regression.diffs ] && head -n 80 "$b"/regress/regression.diffs

echo "== release build"
out=$(tools/check-release.sh "$sqlite" "$b"/ords_security.so 2>&1)
echo "$out"
if [[ "$out" =~ release:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
  add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
else
  add 0 1
fi

echo "== demo (sql/demo.sql on a file database, release build)"
rm -f "$b"/demo-check.db*
if out=$(cd . && "$sqlite" -init /dev/null -batch "$b"/demo-check.db \
           -cmd ".load $b/ords_security" < <(grep -v '^\.load ' sql/demo.sql) 2>&1) &&
   grep -q '^Done\.' <<<"$out" && ! grep -q 'rror' <<<"$out"; then
  echo "ok      demo runs to the end"; add 1 0
else
  echo "$out" | tail -n 20; echo "FAILED  demo"; add 0 1
fi
rm -f "$b"/demo-check.db*

# 5. the seed scenarios, tutorial pages and application examples (tools/check-examples.sh)
echo "== examples (sql/examples, docs/tutorials, docs/examples; release build)"
out=$(tools/check-examples.sh "$sqlite" "$b" 2>&1)
echo "$out"
if [[ "$out" =~ examples:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
  add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
else
  add 0 1
fi

# the HTTP gateway: seed flows with curl, hostile HTTP, nginx auth_request, JWKS (gateway/tests/run.sh)
echo "== gateway (build/ords-gateway on loopback)"
out=$(gateway/tests/run.sh "$b" 2>&1); echo "$out"
if [[ "$out" =~ gateway:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"; else add 0 1; fi

# 6. the repository
echo "== repository (build options, packaging, layering, doc-driven tests)"
out=$(tools/check-build.sh "$b" 2>&1)
echo "$out"
if [[ "$out" =~ build:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
  add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
else
  add 0 1
fi
for args in "" "--self-test"; do
  if out=$(tools/check-layering.sh $args 2>&1); then
    echo "ok      ${out##*$'\n'}"; add 1 0
  else
    echo "$out"; echo "FAILED  tools/check-layering.sh $args"; add 0 1
  fi
done
out=$(tools/check-doc-tests.sh 2>&1)
echo "$out"
if [[ "$out" =~ doc-tests:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
  add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
else
  add 0 1
fi
out=$(tools/check-docs.sh 2>&1); rc=$?
echo "$out"
if [ $rc -eq 0 ]; then echo "ok      docs stand alone"; add 1 0; else echo "FAILED  docs stand alone"; add 0 1; fi
if out=$(tools/check-docs.sh --self-test 2>&1); then
  echo "ok      ${out##*$'\n'}"; add 1 0
else
  echo "$out"; echo "FAILED  tools/check-docs.sh --self-test"; add 0 1
fi
if out=$(tools/check-doc-tests.sh --self-test 2>&1); then
  echo "ok      ${out##*$'\n'}"; add 1 0
else
  echo "$out"; echo "FAILED  tools/check-doc-tests.sh --self-test"; add 0 1
fi

echo
echo "check: $total_p passed, $total_f failed"
[ $total_f -eq 0 ]
