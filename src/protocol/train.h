/* Stimulus builders: the classic protocols expressed as events on a pathway. Each checks
 * its arguments (positive rates and counts, times inside the experiment) and reports the
 * offending value through err. */
#ifndef LTP_PROTOCOL_TRAIN_H
#define LTP_PROTOCOL_TRAIN_H

#include "protocol/protocol.h"

/* Stimulation faster than this is not a plausible extracellular protocol (axons are refractory
 * for ~1 ms): an input error. */
#define LTP_MAX_STIM_RATE_HZ 1000.0
/* Voltage-clamp pairing holds the soma this long before the first and after the last pulse. */
#define LTP_HOLD_MARGIN_MS 1000.0

/* Every builder adds an ltp_mark per induction train (labels "tetanus", "LFS", "TBS",
 * "pairing", "VC pairing", "uncaging") spanning the train, so callers can see where
 * conditioning was. */

/* Test pulses every interval_ms from t0 (inclusive) to t1 (exclusive). */
ltp_status ltp_stim_test_pulses(ltp_protocol *p, int pathway, double t0_ms, double t1_ms,
                                double interval_ms, ltp_error *err);
/* n_trains trains of n_pulses at rate_hz, train onsets train_interval_ms apart
 * (tetanus: 100 pulses at 100 Hz; LFS: 900 pulses at 1 Hz). */
ltp_status ltp_stim_tetanus(ltp_protocol *p, int pathway, double t0_ms, double rate_hz,
                            int n_pulses, int n_trains, double train_interval_ms, ltp_error *err);
/* Low-frequency stimulation: one train of n_pulses at rate_hz, marked "LFS" (Dudek & Bear 1992:
 * 900 pulses at 1 Hz). */
ltp_status ltp_stim_lfs(ltp_protocol *p, int pathway, double t0_ms, double rate_hz, int n_pulses,
                        ltp_error *err);
/* Where a train sits: its first pulse at anchor_ms, or (anchor_is_end) its last pulse, so that
 * trains of different rates end together (a frequency-response sweep, bench/SPEC.md 4); with
 * grid_ms > 0 every pulse's offset from the anchor is rounded to that clock (halves away from
 * zero). */
typedef struct {
  double anchor_ms;
  int anchor_is_end;
  double grid_ms;
} ltp_train_timing;
ltp_status ltp_stim_lfs_timed(ltp_protocol *p, int pathway, const ltp_train_timing *when,
                              double rate_hz, int n_pulses, ltp_error *err);
/* Theta burst: n_bursts bursts of pulses_per_burst at burst_rate_hz (100 Hz), bursts at
 * theta_hz (5 Hz); n_trains trains train_interval_ms apart (Larson & Lynch 1986). */
ltp_status ltp_stim_theta_burst(ltp_protocol *p, int pathway, double t0_ms, int n_bursts,
                                int pulses_per_burst, double burst_rate_hz, double theta_hz,
                                int n_trains, double train_interval_ms, ltp_error *err);
/* Pre/post pattern repeated n_repeats times at repeat_hz: n_pre presynaptic pulses at
 * pre_rate_hz, and n_post postsynaptic spikes at post_rate_hz whose first spike is
 * delay_ms after the first pre pulse (negative: post before pre). Covers STDP pairs,
 * bursts and triplets. n_pre or n_post may be 0 (post-only or pre-only controls); a rate is
 * only used (and checked) when its count exceeds 1, repeat_hz only when n_repeats > 1. */
ltp_status ltp_stim_pairing(ltp_protocol *p, int pathway, double t0_ms, int n_pre,
                            double pre_rate_hz, int n_post, double post_rate_hz, double delay_ms,
                            int n_repeats, double repeat_hz, ltp_error *err);
/* Voltage-clamp pairing: a train of n_pulses at rate_hz from t0 while the soma is held at v_mV
 * from LTP_HOLD_MARGIN_MS before the first pulse to LTP_HOLD_MARGIN_MS after the last (the hold
 * takes precedence over any earlier clamp epoch it overlaps). */
ltp_status ltp_stim_clamp_pairing(ltp_protocol *p, int pathway, double t0_ms, double v_mV,
                                  double rate_hz, int n_pulses, ltp_error *err);

/* Two-photon glutamate uncaging at the modelled spine of a pathway (Matsuzaki et al. 2004,
 * Nature 429:761: 60 pulses at 1 Hz): n_pulses at rate_hz from t0, each glu in glu_unit
 * (LTP_GLU_QUANTA: that many vesicles' worth of cleft glutamate). No release, no short-term
 * plasticity, no lumped population: the glutamate reaches that one spine only. */
ltp_status ltp_stim_uncaging(ltp_protocol *p, int pathway, double t0_ms, double rate_hz,
                             int n_pulses, double glu, ltp_glu_unit glu_unit, ltp_error *err);
/* Test uncaging pulses every interval_ms from t0 (inclusive) to t1 (exclusive): each gives a
 * readout of the single spine (its unitary EPSC). */
ltp_status ltp_stim_test_uncaging(ltp_protocol *p, int pathway, double t0_ms, double t1_ms,
                                  double interval_ms, double glu, ltp_glu_unit glu_unit,
                                  ltp_error *err);

#endif
