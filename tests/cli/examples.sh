#!/usr/bin/env bash
# Every example experiment runs to completion through the CLI and writes its report.
set -euo pipefail
ltpsim=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for exp in "$src"/examples/*.exp; do
  name=$(basename "$exp" .exp)
  if ! "$ltpsim" run "$exp" --out "$tmp/$name" >"$tmp/$name.log" 2>&1; then
    echo "FAIL: $name"; cat "$tmp/$name.log"; exit 1
  fi
  for f in summary.json readouts.csv report.html; do
    [ -s "$tmp/$name/$f" ] || { echo "FAIL: $name did not write $f"; exit 1; }
  done
  echo "ok: $name ($(grep -o 'in [0-9.]* s wall' "$tmp/$name.log"))"
done
