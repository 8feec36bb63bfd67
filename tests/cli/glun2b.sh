#!/usr/bin/env bash
# CaMKII bound at the synapse's GluN2B (mech/glun2b.c; docs/model.md, Calibration choices):
# binding needs Ca2+ that enters through the synapse's NMDARs, and the synapse's expression,
# tag and messenger read the bound kinase. Asserted here:
# - the 0 mV pairing potentiates, and with 50 uM AP5 its VGCC Ca2+ still switches CaMKII on
#   (T286 fraction > 0.5) but the EPSC stays within 90-110 %; with the gate off
#   (glun2b.k_bind = 0) the AP5 arm potentiates (> 150 %), as before the gate;
# - input specificity: three tetani on pathway 1 leave pathway 2's tag at ~0 before its own weak
#   tetanus (< 0.01, while pathway 1's is > 0.5); with the gate off the spikes of the strong
#   tetanus tag pathway 2 too (> 0.05);
# - one uncaged spine drives the cell-wide synthesis as one of the pathway's synapses: the 60
#   uncaging pulses of the single-spine case keep the synthesis drive below late.prp_threshold.
# Usage: glun2b.sh LTPSIM SOURCE_DIR
set -uo pipefail
ltpsim=$1
src=$2
# shellcheck source=lib/harness.sh
source "$(dirname "$0")/lib/harness.sh"

off=(--set "glun2b.k_bind=0 1/s")

# the 0 mV pairing with AP5: CaMKII on, the synapse unbound and unchanged
validate_ok ap5 pharmacology_ap5_pairing
check_validation ap5 "control pairing at 0 mV (%)" 150 250
check_validation ap5 "pairing at 0 mV with the drug (%)" 90 110
run_ok ap5_run "$src/validation/pharmacology/ap5_vc_pairing.exp"
# (AP5 from 5 min, the pairing at 10-11.7 min; the baseline's test pulses bind a little, which
# leaves within the 5 min of AP5 before the pairing)
expect_in_band "$(state_max ap5_run p1.camkii_p 10 20)" 0.5 1 "AP5 pairing: CaMKII T286 fraction peak"
expect_in_band "$(state_max ap5_run p1.glun2b_bound 10 20)" 0 0.01 "AP5 pairing: bound fraction peak"
validate_values ap5_off pharmacology_ap5_pairing "${off[@]}"
check_validation ap5_off "pairing at 0 mV with the drug (%)" 150 1000

# input specificity of the tag (tagging_capture.exp: STET on pathway 1 at 30-50 min, WTET on 2
# at 75 min)
run_ok tag "$src/validation/tagging_capture.exp"
run_ok tag_off "$src/validation/tagging_capture.exp" "${off[@]}"
expect_in_band "$(state_at tag p1.tag 74)" 0.5 1 "pathway 1's tag after its tetani"
expect_in_band "$(state_at tag p2.tag 74)" 0 0.01 "pathway 2's tag before its weak tetanus"
expect_in_band "$(state_at tag_off p2.tag 74)" 0.05 1 \
  "gate off: pathway 2 tagged by pathway 1's tetani (the earlier model)"

# one uncaged spine: no cell-wide protein synthesis
run_ok uncage "$src/validation/single_spine_uncaging.exp"
prp_threshold=$("$ltpsim" params late 2>/dev/null | awk '$1 == "late.prp_threshold" { print $4 }')
[ -n "$prp_threshold" ] || fail "no late.prp_threshold in ltpsim params"
expect_in_band "$(state_max uncage cell.synthesis_drive 0 1000)" 0 "${prp_threshold:-0}" \
  "single-spine uncaging: peak synthesis drive"

exit $((failures > 0))
