#!/usr/bin/env bash
# ltpsim validate on the command line: bad arguments (clear message naming what was expected,
# non-zero exit, no output), --only with a fast mechanism case (exit 0, validation.json and
# validation.html written), and the group selection. The whole suite is the ctest
# validate_suite (label slow). Usage: validate.sh LTPSIM SOURCE_DIR
set -u
ltpsim=$1
# shellcheck source=lib/harness.sh
source "$(dirname "$0")/lib/harness.sh"

# expect_error CODE PATTERN ARGS...: exit code, stderr matching PATTERN, no output directory
expect_error() {
  local code=$1 pattern=$2
  shift 2
  "$ltpsim" validate --out "$tmp/bad" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
  local rc=$?
  [ "$rc" -eq "$code" ] || fail "validate $*: exit $rc, expected $code"
  grep -q -- "$pattern" "$tmp/stderr" || fail "validate $*: stderr lacks '$pattern': $(cat "$tmp/stderr")"
  [ ! -e "$tmp/bad" ] || fail "validate $*: wrote $tmp/bad"
}

expect_error 2 "unknown case 'nope'; expected one of: mg_block, " --only nope
expect_error 2 "pharmacology_ap5_ltp (group pharmacology)" --only nope
expect_error 2 "--jobs expects a whole number from 1 to 64, got '0'" --jobs 0
expect_error 2 "--jobs expects a whole number from 1 to 64, got 'two'" --jobs two
expect_error 2 "unknown argument '--fast'" --fast
expect_error 2 "--only needs a value" --only
expect_error 2 'unknown parameter "nmda.bogus"; nmda has: alpha' --only spine_ca --set nmda.bogus=1
expect_error 2 "--set needs a value" --only spine_ca --set
LTPSIM_VALIDATION_DIR="$tmp/none" expect_error 2 "$tmp/none/spine_ca.exp" --only spine_ca
# --out on a plain file: refused before any case runs, and the file is left as it was
echo keep >"$tmp/plain"
"$ltpsim" validate --only mg_block --out "$tmp/plain" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
[ "$rc" -eq 2 ] || fail "validate --out FILE: exit $rc, expected 2"
grep -q "exists and is not a directory" "$tmp/stderr" || fail "validate --out FILE: $(cat "$tmp/stderr")"
[ ! -s "$tmp/stdout" ] || fail "validate --out FILE ran cases: $(cat "$tmp/stdout")"
[ "$(cat "$tmp/plain")" = keep ] || fail "validate --out FILE changed the file"

"$ltpsim" validate --only mg_block --jobs 2 --out "$tmp/ok" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
[ "$rc" -eq 0 ] || fail "validate --only mg_block: exit $rc: $(cat "$tmp/stderr")"
grep -q "mg_block *pass" "$tmp/stdout" || fail "no 'mg_block pass' line: $(cat "$tmp/stdout")"
for f in validation.json validation.html; do
  [ -s "$tmp/ok/$f" ] || fail "missing $f"
done
grep -q '"name": "mg_block"' "$tmp/ok/validation.json" || fail "validation.json lacks the case"
grep -q '"ok": true' "$tmp/ok/validation.json" || fail "validation.json not ok"
if command -v xmllint >/dev/null; then
  xmllint --noout "$tmp/ok/validation.html" || fail "validation.html is not well-formed"
fi
# the same directory again: a previous validation output is replaced
"$ltpsim" validate --only short_term_plasticity --out "$tmp/ok" >/dev/null 2>&1 ||
  fail "second write into a validation output failed"
grep -q '"name": "short_term_plasticity"' "$tmp/ok/validation.json" || fail "not replaced"

# --set applies to every run; expected failures of the default set then do not apply: spine_ca
# fails (in quantal mode no run of the drawn pre pulse releases a whole quantum, and the
# uncaged quantum stays below its band), a plain FAIL
"$ltpsim" validate --only spine_ca --set release.mode=quantal --out "$tmp/set" >"$tmp/stdout" 2>&1
rc=$?
[ "$rc" -eq 1 ] || fail "validate --set: exit $rc, expected 1 (a plain FAIL)"
grep -q "spine_ca *FAIL" "$tmp/stdout" || fail "no 'spine_ca FAIL' line: $(cat "$tmp/stdout")"
grep -q -- "with --set release.mode=quantal" "$tmp/stdout" || fail "overrides not printed"
grep -q '"overrides": \[ *"release.mode=quantal" *\]' "$tmp/set/validation.json" ||
  grep -A1 '"overrides"' "$tmp/set/validation.json" | grep -q "release.mode=quantal" ||
  fail "validation.json lacks the overrides"

[ "$failures" -eq 0 ] && echo "all validate CLI checks passed"
exit "$failures"
