#!/usr/bin/env bash
# The boutons' finite recycling pool (release.reserve_vesicles, release.recycle_tau;
# docs/model.md, "Finite recycling pool" and Known limits, "R5 with a finite recycling pool").
# frequency_response stays an expected failure as a case (5 and 10 Hz depress too much), so the
# suite asserts none of its values; asserted here:
# - with the pool (the defaults) the checks it passes stay in their bands: 1 and 3 Hz 75-85 %,
#   50 Hz 110-120 % (Dudek & Bear 1992 [M] bands, SCIENCE.md 3.3); and 10 Hz depresses (< 95 %);
# - without it (reserve_vesicles = 0) the 10 and 50 Hz trains potentiate like a tetanus
#   (> 140 %): the pool, not another change, brings 50 Hz into its band.
# Usage: recycling_pool.sh LTPSIM SOURCE_DIR
set -uo pipefail
ltpsim=$1
src=$2
# shellcheck source=lib/harness.sh
source "$(dirname "$0")/lib/harness.sh"

validate_values pool frequency_response
check_validation pool "1 Hz (%)" 75 85
check_validation pool "3 Hz (%)" 75 85
check_validation pool "10 Hz (%)" 0 95
check_validation pool "50 Hz (%)" 110 120

validate_values unlimited frequency_response --set release.reserve_vesicles=0
check_validation unlimited "10 Hz (%)" 140 1000
check_validation unlimited "50 Hz (%)" 140 1000

exit $((failures > 0))
