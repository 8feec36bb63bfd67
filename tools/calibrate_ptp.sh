#!/bin/sh
# Calibration of release.ptp_rate (docs/model.md, "Calibration choices"): bisection (on a log
# scale) for the loading rate at which the largest test response in the first minute after
# one 100 Hz x 1 s tetanus (validation/field_ltp.exp, the field_ltp case's PTP metric) is
# TARGET % of baseline (default 250 %, the centre of SCIENCE.md 3.2's 200-300 % band).
# Every other parameter is at its default. Usage, from the repository root:
#   tools/calibrate_ptp.sh [LTPSIM] [TARGET]
# Prints each trial and the calibrated rate; takes ~1 min.
set -eu
LTPSIM=${1:-./build/ltpsim}
TARGET=${2:-250}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# PTP metric (%) at loading rate $1 (1/s): largest slope_pct of a test pulse in (20, 21] min.
ptp_pct() {
  "$LTPSIM" run validation/field_ltp.exp --set "release.ptp_rate=$1 1/s" --out "$OUT" >/dev/null
  awk -F, 'NR > 1 && $1 > 20 && $1 <= 21.0001 && $6 > best { best = $6 } END { print best }' \
    "$OUT/readouts.csv"
}

lo=0.0005
hi=0.05
i=0
while [ $i -lt 12 ]; do
  mid=$(awk -v a=$lo -v b=$hi 'BEGIN { printf "%.6g", sqrt(a * b) }')
  pct=$(ptp_pct "$mid")
  echo "ptp_rate = $mid 1/s: PTP $pct %"
  if awk -v p="$pct" -v t="$TARGET" 'BEGIN { exit !(p < t) }'; then lo=$mid; else hi=$mid; fi
  i=$((i + 1))
done
echo "calibrated release.ptp_rate = $(awk -v a=$lo -v b=$hi 'BEGIN { printf "%.3g", sqrt(a * b) }') 1/s (target $TARGET %)"
