#!/usr/bin/env bash
# Bad input through the CLI: non-zero exit, a message naming file:line (or the argument) and
# what was expected, and no output directory left behind.
set -uo pipefail
ltpsim=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
expect_error() { # description, pattern in stderr, command...
  local what=$1 pattern=$2; shift 2
  rm -rf "$tmp/out"
  if "$@" --out "$tmp/out" >"$tmp/stdout" 2>"$tmp/stderr"; then
    echo "FAIL: $what: exit 0"; fail=1; return
  fi
  if ! grep -qE "$pattern" "$tmp/stderr"; then
    echo "FAIL: $what: message lacks /$pattern/:"; cat "$tmp/stderr"; fail=1; return
  fi
  if [ -e "$tmp/out" ]; then echo "FAIL: $what: left output behind"; fail=1; return; fi
  echo "ok: $what: $(head -c 160 "$tmp/stderr")"
}
for f in "$src"/tests/data/bad/*.exp; do
  expect_error "$(basename "$f")" "$(basename "$f"):[0-9]+" "$ltpsim" run "$f"
done
expect_error "missing file" "no-such-file.exp" "$ltpsim" run "$tmp/no-such-file.exp"
expect_error "unknown --set key" "nmda.no_such_param" "$ltpsim" run --set nmda.no_such_param=1
expect_error "--set wrong unit" "mg_o" "$ltpsim" run --set "nmda.mg_o=1 ms"
expect_error "--set out of range" "range" "$ltpsim" run --set "nmda.mg_o=-1 mM"
expect_error "bad seed" "seed" "$ltpsim" run --seed -3
# the point cell refuses what it cannot model, before anything is written
w1="$src/bench/w1_short.exp"
expect_error "point cell with the cascade" "no signalling cascade" "$ltpsim" run "$w1" \
  --set plasticity.rule=cascade
expect_error "point cell, reset above threshold" "must lie below v_th" "$ltpsim" run "$w1" \
  --set "lif.v_reset=-40 mV"
expect_error "point cell with uncaging" "needs a modelled spine" "$ltpsim" run \
  "$src/examples/uncaging.exp" --set cell.model=point_lif --set plasticity.rule=graupner_brunel
expect_error "point cell under voltage clamp" "voltage clamp is not available" "$ltpsim" run \
  "$src/examples/vc_pairing.exp" --set cell.model=point_lif --set plasticity.rule=graupner_brunel
exit $fail
