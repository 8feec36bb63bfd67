# Sourced by the CLI tests (not a test itself: only tests/cli/*.sh are): a scratch folder $tmp
# removed on exit, a failure count with fail(), band checks, and runs with their state.csv read.
tmp=$(mktemp -d)
# on exit: the scratch folder goes, and a command that was not found fails the test
trap 'rc=$?; [ -e "$tmp/.not_found" ] && [ "$rc" -eq 0 ] && rc=1; rm -rf "$tmp"; exit "$rc"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# a misspelt check or a missing tool is a failure, not a silently skipped line (bash runs this
# in a subshell, so it leaves a mark for the exit trap rather than counting)
command_not_found_handle() {
  echo "FAIL: command not found: $1"
  : >"$tmp/.not_found"
  return 127
}

# expect_in_band VALUE LO HI WHAT: VALUE lies in [LO, HI], or a failure naming WHAT
expect_in_band() {
  awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v >= lo && v <= hi) }' ||
    fail "$4: $1 outside [$2, $3]"
}

# check_validation DIR LABEL LO HI: the check with that label in $tmp/DIR/validation.json has
# its model value in [LO, HI]
check_validation() {
  local v json=$tmp/$1/validation.json
  [ -f "$json" ] || { fail "$1: no validation.json"; return; }
  v=$(tr -d '\n' <"$json" | grep -o "\"label\": *\"$2\"[^}]*" | grep -o '"model": *[-0-9.e+]*' |
    head -1 | sed 's/.*: *//')
  [ -n "$v" ] || { fail "$1: no model value for '$2'"; return; }
  expect_in_band "$v" "$3" "$4" "$1: $2"
}

# validate_values DIR CASE [ARGS...]: `$ltpsim validate --only CASE ARGS` into $tmp/DIR, for its
# values only, whatever its exit (a changed parameter set may fail a case)
validate_values() {
  local dir=$1 case=$2
  shift 2
  "$ltpsim" validate --jobs 2 --only "$case" "$@" --out "$tmp/$dir" >"$tmp/stdout_$dir" \
    2>"$tmp/stderr_$dir"
}
# validate_ok DIR CASE [ARGS...]: the same, and a non-zero exit is a failure
validate_ok() {
  validate_values "$@" ||
    fail "validate --only $2 ${*:3}: exit $?: $(cat "$tmp/stdout_$1" "$tmp/stderr_$1")"
}

# run_ok DIR FILE [ARGS...]: `$ltpsim run FILE ARGS` into $tmp/DIR; a non-zero exit is a failure
run_ok() {
  local dir=$1
  shift
  "$ltpsim" run "$@" --out "$tmp/$dir" >/dev/null 2>"$tmp/err_$dir" ||
    fail "run $dir: $(cat "$tmp/err_$dir")"
}
# state_at DIR COLUMN T_MIN: COLUMN of $tmp/DIR/state.csv in the last row with t <= T_MIN
state_at() {
  awk -F, -v col="$2" -v t="$3" 'NR == 1 { for (i = 1; i <= NF; ++i) if ($i == col) c = i; next }
    c && $1 <= t * 60000 { v = $c } END { print v }' "$tmp/$1/state.csv"
}
# state_max DIR COLUMN FROM_MIN TO_MIN: the largest value of COLUMN in that window
state_max() {
  awk -F, -v col="$2" -v a="$3" -v b="$4" \
    'NR == 1 { for (i = 1; i <= NF; ++i) if ($i == col) c = i; next }
    c && $1 >= a * 60000 && $1 <= b * 60000 && (m == "" || $c > m) { m = $c } END { print m }' \
    "$tmp/$1/state.csv"
}
