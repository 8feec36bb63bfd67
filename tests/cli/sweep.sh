#!/usr/bin/env bash
# ltpsim sweep on the command line: bad input (non-zero exit, a message naming the argument or
# file and what was expected, no output directory), a product grid with repeats (row count,
# header units, summary.json, sweep.svg), identical output on 1 and 2 threads, a one-point
# sweep against ltpsim run, families (list, unknown, FILE and --vary replacing the family's),
# and the output directory rules. Uses the short tests/data/sweep/short.exp.
# Usage: sweep.sh LTPSIM SOURCE_DIR
set -uo pipefail
ltpsim=$1
src=$2
short=$src/tests/data/sweep/short.exp
# shellcheck source=lib/harness.sh
source "$(dirname "$0")/lib/harness.sh"

# expect_error PATTERN ARGS...: non-zero exit, stderr matching PATTERN, no output directory
expect_error() {
  local pattern=$1
  shift
  rm -rf "$tmp/bad"
  if "$ltpsim" sweep --out "$tmp/bad" "$@" >"$tmp/stdout" 2>"$tmp/stderr"; then
    fail "sweep $*: exit 0"
    return
  fi
  grep -qF -- "$pattern" "$tmp/stderr" || fail "sweep $*: stderr lacks '$pattern': $(cat "$tmp/stderr")"
  [ ! -e "$tmp/bad" ] || fail "sweep $*: wrote $tmp/bad"
}

expect_error 'unknown parameter "nmda.bogus"' "$short" --vary "nmda.bogus=1,2 mM"
expect_error '"speed" is neither a parameter key' "$short" --vary "speed=1,2 Hz"
expect_error 'value "1": missing unit' "$short" --vary "nmda.mg_o=1,2"
expect_error 'cannot read the range; expected lin:FROM:TO:N UNIT' "$short" --vary "nmda.mg_o=lin:0:4 mM"
expect_error 'a log range needs FROM > 0' "$short" --vary "nmda.mg_o=log:0:4:5 mM"
expect_error 'more than 10000000 runs' "$short" --vary "nmda.mg_o=lin:0:4:5000 mM" \
  --vary "calcium.ca_o=lin:1:3:5000 mM"
expect_error 'outside the accepted range' "$short" --vary "nmda.mg_o=-1,1 mM"
expect_error "$tmp/none.exp" "$tmp/none.exp" --vary "nmda.mg_o=1,2 mM"
expect_error 'mg_o' "$short" --set "nmda.mg_o=1 ms"
expect_error "unknown family 'nope'" --family nope
expect_error "frequency_response" --family nope
expect_error "--jobs expects a whole number from 1 to 64, got '0'" "$short" --jobs 0
expect_error "--repeats expects a whole number" "$short" --repeats 0
expect_error "unknown option '--fast'" "$short" --fast
expect_error "--vary needs a value" "$short" --vary

# a product grid with repeats, on 2 threads and on 1
args=("$short" --vary "rate=20,100 Hz" --vary "nmda.mg_o=1,2 mM" --repeats 2
  --set release.mode=stochastic)
"$ltpsim" sweep "${args[@]}" --jobs 2 --out "$tmp/grid" >"$tmp/stdout" 2>"$tmp/stderr" ||
  fail "grid sweep: exit $?: $(cat "$tmp/stderr")"
for f in sweep.csv summary.json sweep.svg; do
  [ -s "$tmp/grid/$f" ] || fail "grid sweep did not write $f"
done
[ "$(wc -l <"$tmp/grid/sweep.csv")" -eq 9 ] || fail "sweep.csv: expected 8 runs + header"
head -1 "$tmp/grid/sweep.csv" | grep -q '^rate_Hz,nmda.mg_o_mM,repeat,seed,status,p1_potentiation_1min_pct,' ||
  fail "sweep.csv header: $(head -1 "$tmp/grid/sweep.csv")"
[ "$(grep -c ',ok,' "$tmp/grid/sweep.csv")" -eq 8 ] || fail "sweep.csv: not every run ok"
grep -q '"n_runs": 8' "$tmp/grid/summary.json" || fail "summary.json lacks n_runs 8"
grep -q '"result_bytes_per_run"' "$tmp/grid/summary.json" || fail "summary.json lacks memory"
grep -q '"runs_per_s"' "$tmp/grid/summary.json" || fail "summary.json lacks runs_per_s"
grep -qi 'nan' "$tmp/grid/summary.json" "$tmp/grid/sweep.csv" && fail "NaN written"
grep -q "8 runs on 2 threads" "$tmp/stdout" || fail "summary line: $(cat "$tmp/stdout")"
if command -v xmllint >/dev/null; then
  xmllint --noout "$tmp/grid/sweep.svg" || fail "sweep.svg is not well-formed"
fi
"$ltpsim" sweep "${args[@]}" --jobs 1 --out "$tmp/grid1" >/dev/null 2>&1 || fail "grid on 1 thread"
cmp -s "$tmp/grid/sweep.csv" "$tmp/grid1/sweep.csv" || fail "sweep.csv differs between 1 and 2 threads"

# a one-point sweep gives the potentiation of ltpsim run (to the 15 digits summary.json keeps;
# tests/test_sweep.c compares bit for bit)
"$ltpsim" run "$short" --out "$tmp/run" >/dev/null 2>&1 || fail "ltpsim run"
"$ltpsim" sweep "$short" --out "$tmp/one" >/dev/null 2>&1 || fail "one-point sweep"
run_pct=$(grep -m1 '"potentiation_pct"' "$tmp/run/summary.json" | tr -dc '0-9.')
sweep_pct=$(sed -n 2p "$tmp/one/sweep.csv" | cut -d, -f4)
awk -v a="$run_pct" -v b="$sweep_pct" 'BEGIN { d = a - b; exit !(d < 1e-9 * a && -d < 1e-9 * a) }' ||
  fail "one-point sweep $sweep_pct % vs run $run_pct %"

# families: the list, and FILE and --vary replacing the family's
"$ltpsim" sweep --family list >"$tmp/stdout" 2>&1 || fail "--family list: exit $?"
for f in frequency_response stdp_window mg_dose ca_dose; do
  grep -q "$f" "$tmp/stdout" || fail "--family list lacks $f"
done
"$ltpsim" sweep --family ca_dose "$short" --vary "calcium.ca_o=1.5,3 mM" --out "$tmp/fam" \
  >"$tmp/stdout" 2>&1 || fail "--family ca_dose FILE --vary: $(cat "$tmp/stdout")"
grep -q '"family": "ca_dose"' "$tmp/fam/summary.json" || fail "summary.json lacks the family"
grep -q '^calcium.ca_o_mM,' "$tmp/fam/sweep.csv" || fail "family sweep: $(head -1 "$tmp/fam/sweep.csv")"

# the output directory: an earlier sweep is replaced, another kind of directory is refused
"$ltpsim" sweep "$short" --out "$tmp/one" >/dev/null 2>&1 || fail "second write into a sweep output"
expect_error "not an ltpsim output (no sweep.csv)" "$short" --out "$tmp/run" # the last --out counts
[ -s "$tmp/run/report.html" ] || fail "the ltpsim run output was touched"

[ "$failures" -eq 0 ] && echo "all sweep CLI checks passed"
exit "$failures"
