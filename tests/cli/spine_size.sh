#!/usr/bin/env bash
# Spine size and the sign of plasticity (docs/sweep.md, docs/model.md "R5 and a population of
# spine sizes"): with the NMDAR current independent of spine size (Sobczyk et al. 2005), the
# same 900 pulses at 1 Hz (validation/frequency_response.exp as it is) potentiate the smallest
# spine, depress a middle-sized one and leave the largest unchanged, in the suite's bands
# (potentiation > 110 %, depression < 90 %, no change 90-110 %). One ltpsim sweep over
# cable.head_volume, whose sweep.csv gives each size's potentiation at 60 min.
# Usage: spine_size.sh LTPSIM SOURCE_DIR
set -uo pipefail
ltpsim=$1
src=$2
# shellcheck source=lib/harness.sh
source "$(dirname "$0")/lib/harness.sh"

"$ltpsim" sweep "$src/validation/frequency_response.exp" --jobs 2 \
  --vary "cable.head_volume=0.008,0.031,0.11 um3" --out "$tmp/sizes" >"$tmp/stdout" 2>"$tmp/stderr" ||
  fail "sweep: exit $?: $(cat "$tmp/stderr")"
csv=$tmp/sizes/sweep.csv
col=$(head -1 "$csv" | tr ',' '\n' | grep -n '^p1_potentiation_60min_pct$' | cut -d: -f1)
[ -n "$col" ] || fail "sweep.csv has no p1_potentiation_60min_pct column: $(head -1 "$csv")"

# check SIZE_UM3 LO HI: the potentiation of that size lies in [LO, HI]
check() {
  local v
  v=$(awk -F, -v size="$1" -v c="$col" 'NR > 1 && $1 + 0 == size + 0 { print $c }' "$csv")
  [ -n "$v" ] || { fail "no row for head volume $1 um3"; return; }
  expect_in_band "$v" "$2" "$3" "head volume $1 um3 at 1 Hz (%)"
}
check 0.008 110 1000 # the smallest spine potentiates
check 0.031 0 90     # a middle one depresses
check 0.11 90 110    # the largest does not change

[ "$failures" -eq 0 ] && echo "spine_size: all checks passed"
exit "$failures"
