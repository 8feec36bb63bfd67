/* Engine settings: fine step, slow sub-cycle, quiet-stretch tolerance, solver tolerance, and
 * the choice of integrator (fixed step or the CVODE reference, docs/numerics.md). */
#include "engine/numerics.h"

#include <stddef.h>

#include "mech/model_params.h"

static const char *const methods[] = {"fixed", "reference", NULL};

#define P(field) offsetof(ltp_params, engine.field)
static const ltp_param_def numerics_table[] = {
    {"dt", "ms", 0.025, 0.001, 0.2,
     "SCIENCE.md 5b: receptor kinetics and spikes need dt <= 0.025-0.05 ms",
     "fine time step while fast variables are active", P(dt_ms), NULL},
    {"slow_dt", "ms", 0.25, 0.025, 10,
     "SCIENCE.md 5b: CaM/CaMKII/CaN need <= 1-few ms; the sub-cycle's mean Ca2+ underweights "
     "brief pre/post coincidence peaks: on the 100 um dendrite grid examples/stdp_pair.exp at 5 "
     "min gave 144.0 % at 0.5 ms, 144.4 % at 0.25 ms, 144.7 % at 0.05 ms (reference 145.6 %; "
     "tests/test_reference_agreement.c allows 1 %); on the 15 um grid 193.44 % at all three; HFS "
     "is insensitive (docs/numerics.md)",
     "sub-cycle of the signalling ODEs during fine stepping (operator splitting)", P(slow_dt_ms),
     NULL},
    {"quiet_tol", "1", 1e-4, 1e-9, 1e-1,
     "ltpsim: default experiment potentiation within 0.5 % of fully stepped integration "
     "(tests/test_default_experiment.c)",
     "fast-state tolerance (open fraction, mV/ms, uM/ms) below which a stretch is quiet",
     P(quiet_tol), NULL},
    {"rtol", "1", 1e-6, 1e-12, 1e-2, "ltpsim: CVODE relative tolerance for the slow ODEs",
     "relative tolerance of the slow (signalling) integration", P(rtol), NULL},
    {"tail_dt", "ms", 2, 0.001, 20,
     "ltpsim: in event tails (no glutamate, no spike, past a readout's rising phase) every "
     "update is exponential or implicit; tests/test_default_experiment.c checks against fine "
     "stepping, tests/test_reference_agreement.c against the reference (docs/numerics.md)",
     "largest step in event tails, between the fine-stepped events and the quiet stretch",
     P(tail_dt_ms), NULL},
    {"tail_dv", "mV", 0.125, 0.001, 10,
     "ltpsim: 0.5 mV/ms x 0.25 ms, where the former fixed tail step began; "
     "tests/test_reference_agreement.c (docs/numerics.md)",
     "largest change of any membrane potential per event-tail step", P(tail_dv_mV), NULL},
    {"slow_rk_step", "ms", 10, 0.01, 100,
     "ltpsim: stability is engine.slow_rk_courant's; this caps the step where the stiffness "
     "bound is low (>= 0.2/ms at rest: 10 ms steps); 0.5 ms changes the default experiment by "
     "< 1e-4 % (docs/numerics.md)",
     "largest explicit RK4 step of the signalling ODEs during fine stepping", P(slow_rk_step_ms),
     NULL},
    {"method", "choice", 0, 0, 1,
     "ltpsim: fixed = the fast engine above; reference = the whole model as one ODE system in "
     "CVODE, every discontinuity an exact stop (docs/numerics.md)",
     "time integration: fixed (fast) or reference (error-controlled, slow)", P(method), methods},
    {"reference_rtol", "1", 1e-8, 1e-12, 1e-3,
     "ltpsim: 1e-8 agrees with 1e-10 to < 1e-4 % on the default experiment (docs/numerics.md)",
     "relative tolerance of the reference integration (absolute: rtol x each variable's "
     "scale)",
     P(reference_rtol), NULL},
    {"slow_rk_courant", "1", 2.0, 0.01, 2.78,
     "ltpsim: RK4 is stable for h lambda in [-2.785, 0] and in the disc of that diameter "
     "centred on -1.39 (where the Gershgorin discs of the bound lie); the bound (mech/camkii.c "
     "camkii_stiffness_per_ms, ~0.2/ms at rest, ~0.8/ms in a tetanus) is >= the spectral "
     "radius; 1 and 2 give the same default experiment to 1e-4 % (docs/numerics.md)",
     "largest step x stiffness bound of an RK4 step of the signalling ODEs", P(slow_rk_courant),
     NULL},
    {"quiet_explicit", "ms", 2000, 0, 1e6,
     "ltpsim: after a test pulse CVODE restarts with ~10 ms steps for ~1.5 s (the PP1 / I1P "
     "mode, ~17/s at rest, relaxing); RK4 takes such steps 10-20 x cheaper; 0 = CVODE only "
     "(docs/numerics.md)",
     "span at the start of each quiet stretch (where CVODE would restart) stepped by RK4",
     P(quiet_explicit_ms), NULL},
    {"state_dt", "s", 10, 0.1, 3600,
     "ltpsim: 10 s resolves CaMKII (tens of s) and the hours-long "
     "late phase",
     "sampling interval of the slow variables over the whole run (state.csv)", P(state_dt_s), NULL},
    {"tail_max", "ms", 200, 0.01, 10000,
     "ltpsim: gating and calcium updates are exact for any step and the tail conductances are "
     "< 0.1 % of the leak; W2 N = 50 unchanged from 200 to 1000 ms (docs/point-model.md)",
     "point model: largest step in the NMDA and calcium tails", P(tail_max_ms), NULL},
    {"active_max", "ms", 1, 0.001, 100,
     "ltpsim: W2 N = 50 rho within 0.0026 of the RK4 reference at 1 ms, 0.0045 at 2 ms "
     "(docs/point-model.md, tests/test_point_bench.c)",
     "point model: largest step while a pulse's AMPA or NMDA-rise gating is active",
     P(active_max_ms), NULL},
    {"rule_max", "ms", 5, 0.001, 1000,
     "ltpsim: W2 N = 50 rho within 0.0026 of the RK4 reference at 5 ms, 0.0095 at 10 ms "
     "(docs/point-model.md, tests/test_point_bench.c)",
     "point model: largest step while the plasticity rule acts", P(rule_max_ms), NULL},
    {"fast_tol", "1", 0.05, 1e-9, 1,
     "ltpsim: W1 EPSPs and rho identical from 0.01 to 0.2 (docs/point-model.md)",
     "point model: AMPA and NMDA-rise gating (per pulse) above which the fine step is taken",
     P(fast_tol), NULL},
};
#undef P

const ltp_mech_def numerics_mech = {"engine",
                                    "Numerics: fine step, slow sub-cycle, quiet-stretch "
                                    "tolerance, reference integration",
                                    numerics_table, LTP_COUNT(numerics_table)};
