#!/usr/bin/env python3
"""What the phosphatase and kinase sides of ltpsim see in the suite's LTD-related protocols.

For every FRC, STDP and voltage-clamp-pairing protocol among tools/fit_ltd.py's targets (the
suite's files, same `# vary:` substitution; the penalty terms are left out) this runs
`ltpsim run` twice, the second time traced every 20 ms from the induction onset to 5 min after
its end, and prints next to the model's value and the target band:

  int_drive_s  time integral of the phosphatase drive (`pp1_drive` trace: PP1's relative excess
               over rest above trafficking.pp1_threshold; what removes AMPAR slots), in s
  max_drive    its largest value
  max_camkii   largest phosphorylated CaMKII fraction (`camkii_p`)

and, from two more runs traced every 0.1 ms, what each pulse brings to the modelled spine:

  test_ca      peak spine Ca2+ (uM) of the first baseline test pulse (t = 0)
  pulse_ca     peak spine Ca2+ (uM) over PERIODS induction periods (pulse, pair or pulse
               under clamp) from the PERIODS_FROM-th on (--periods-from N: from the N-th, or
               the last PERIODS of a shorter induction)
  ca_int       the spine's Ca2+ above its resting level, integrated over one such period
               (uM ms; mean of the PERIODS periods)
  nmda_fC      the modelled spine's NMDAR charge per period (fC; mean of the same periods):
               what NMDAR-borne Ca2+ each event brings, whatever the other channels do
  spine_v      the spine's lowest and highest potential (mV) over those periods

A readout in which LTD grows with the phosphatase drive (or with any per-event measure of the
Ca2+ times the number of events) can only pass if the protocols the data call "LTD" get more
of it than those they call "no change"; the table shows where that ordering fails
(docs/model.md, Known limits). Besides fit_ltd.py's targets it reports two checks of the
suite that the fit leaves out, VC -65 mV and STDP -20 ms (EXTRA_TARGETS, bands as in
src/validate/cases.c). Extra `--set key=value` arguments go to every run, except
for keys an experiment file sets itself (as in the suite and tools/fit_ltd.py). The drive and
CaMKII change over seconds, so 20 ms samples resolve them.

Usage (from the repository root, after building ./build/ltpsim; ~4 min on 2 cores):

    python3 tools/ltd_drive.py [--set camkii.cam_kinetics=two_lobe ...] [--periods-from N]
                               [--only frc_,vc_]

--only keeps the protocols whose names start with one of the comma-separated prefixes.
"""
import argparse
import concurrent.futures as cf
import csv
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fit_ltd  # noqa: E402  (the protocols, targets and the suite's substitution)

TRACE_MS = 20
AFTER_S = 300  # traced after the induction
FINE_MS = 0.1  # per-pulse windows
PERIODS_FROM, PERIODS = 10, 3
TEST_WINDOW_S = 0.25
# (label, protocol id, readout minutes, lo, hi): suite checks outside fit_ltd.TARGETS
EXTRA_TARGETS = [("VC -65 mV", "vc_-65mV", 20, fit_ltd.NC_LO, fit_ltd.NC_HI),
                 ("STDP -20 ms", "stdp_-20ms", 30, -fit_ltd.OPEN, fit_ltd.NC_LO)]


def induction(text):
    """(number, period in s) of the induction stimulus in an experiment's text: the `lfs`
    (pulses, rate), `pairing` (repeats, repeat_rate) or `clamp_pairing` (pulses, rate) entry."""
    m = re.search(r'\{\s*type\s*=\s*"(lfs|pairing|clamp_pairing)"(.*?)\}', text, re.S)
    if m is None:
        raise SystemExit("no lfs, pairing or clamp_pairing stimulus")
    count_key, rate_key = ("repeats", "repeat_rate") if m.group(1) == "pairing" else \
        ("pulses", "rate")
    count = re.search(r"\b" + count_key + r"\s*=\s*(\d+)", m.group(2))
    rate = re.search(r"\b" + rate_key + r'\s*=\s*"([\d.]+) Hz"', m.group(2))
    if count is None or rate is None:
        raise SystemExit(f"{m.group(1)}: no {count_key} or {rate_key} in Hz")
    return int(count.group(1)), 1.0 / float(rate.group(1))


def traced(text, from_s, to_s, interval_ms=TRACE_MS):
    """The experiment with [from_s, to_s] traced every interval_ms."""
    text = re.sub(r"^\s*traces\s*=.*$", "", text, flags=re.M)
    return text + f'\ntraces = {{ interval = "{interval_ms:g} ms"; from = "{from_s:g} s"; ' \
        f'to = "{to_s:g} s"; }};\n'


def traced_rows(binary, exp, out, sets, text):
    """Run the experiment text and return its traces as a list of dicts of floats."""
    with open(exp, "w") as f:
        f.write(text)
    run(binary, exp, out, sets)
    with open(os.path.join(out, "traces.csv")) as f:
        return [{k: float(v) for k, v in r.items()} for r in csv.DictReader(f)]


def run(binary, exp, out, sets):
    """The run's summary; a failed run stops the tool with its error."""
    summary, stderr = fit_ltd.ltpsim_run(binary, exp, out, sets)
    if summary is None:
        raise SystemExit(f"{exp}: {stderr.strip()}")
    return summary


def protocol_text(pid, sets):
    """The protocol's experiment text (the suite's substitution) and the overrides that apply
    to it (not those its own `params` block sets)."""
    text, own = fit_ltd.protocol_text(pid)
    return text, [s for s in sets if s.split("=", 1)[0] not in own]


def per_period(rows, key, periods, above=0.0):
    """The time integral of max(row[key] - above, 0) over trace rows (t_ms ascending, each
    value held until the next row), divided by the number of periods they span."""
    total = sum(max(rows[i][key] - above, 0.0) * (rows[i + 1]["t_ms"] - rows[i]["t_ms"])
                for i in range(len(rows) - 1))
    return total / periods


def measure_test_pulse(binary, pid, sets, workdir):
    """(peak spine Ca2+ of the first baseline test pulse (t = 0; before any induction, so
    the same for every protocol of a file), the resting spine Ca2+: the lowest in that
    window)."""
    text, sets = protocol_text(pid, sets)
    exp = os.path.join(workdir, pid + ".test.exp")
    rows = traced_rows(binary, exp, os.path.join(workdir, pid + ".test"), sets,
                       traced(text, 0.0, TEST_WINDOW_S, FINE_MS))
    return max(r["spine_ca_uM"] for r in rows), min(r["spine_ca_uM"] for r in rows)


def first_period(requested, count):
    """The first of the PERIODS traced periods: the requested one, or the last PERIODS of an
    induction with fewer periods."""
    return max(0, min(requested, count - PERIODS))


def measure(binary, pid, sets, workdir, ca_rest_uM, periods_from=PERIODS_FROM):
    text, sets = protocol_text(pid, sets)
    # untraced first (quiet stretches stay fast): the value and the induction onset; then
    # traced from the onset over the induction and AFTER_S, and every FINE_MS over PERIODS
    # induction periods
    exp = os.path.join(workdir, pid + ".exp")
    with open(exp, "w") as f:
        f.write(text)
    summary = run(binary, exp, os.path.join(workdir, pid + ".plain"), sets)
    onset_s = 60.0 * summary["induction_min"]
    count, period = induction(text)
    rows = traced_rows(binary, exp, os.path.join(workdir, pid + ".out"), sets,
                       traced(text, onset_s, onset_s + count * period + AFTER_S))
    t = [r["t_ms"] for r in rows]
    drive = [r["pp1_drive"] for r in rows]
    integral_s = sum(drive[i] * (t[i + 1] - t[i]) for i in range(len(t) - 1)) / 1000.0
    pots = {x["after_min"]: x["potentiation_pct"] for x in summary["potentiation"]
            if x["pathway"] == 1}
    from_s = onset_s + first_period(periods_from, count) * period
    pulses = traced_rows(binary, exp, os.path.join(workdir, pid + ".pulses"), sets,
                         traced(text, from_s, from_s + PERIODS * period, FINE_MS))
    return {"pots": pots, "int_drive_s": integral_s, "max_drive": max(drive),
            "max_camkii": max(r["camkii_p"] for r in rows),
            "pulse_ca": max(r["spine_ca_uM"] for r in pulses),
            "ca_int": per_period(pulses, "spine_ca_uM", PERIODS, ca_rest_uM),
            # inward NMDAR current is negative: pA ms = fC
            "nmda_fC": per_period([dict(r, q=-r["i_nmda_pA"]) for r in pulses], "q", PERIODS),
            "v_min": min(r["spine_v_mV"] for r in pulses),
            "v_max": max(r["spine_v_mV"] for r in pulses)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(fit_ltd.ROOT, "build", "ltpsim"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--periods-from", type=int, default=PERIODS_FROM, metavar="N",
                    help="measure the per-event columns from the N-th induction period")
    ap.add_argument("--only", metavar="PREFIXES",
                    help="comma-separated prefixes of the protocols to run (default: all)")
    args = ap.parse_args()
    targets = [t[:5] for t in fit_ltd.TARGETS if t[1].startswith(("frc_", "stdp_", "vc_"))]
    targets = fit_ltd.by_prefix(targets + EXTRA_TARGETS, args.only, 1)
    if not targets:
        raise SystemExit(f"--only {args.only}: no protocol starts with these")
    pids = sorted({t[1] for t in targets}, key=list(fit_ltd.PROTOCOLS).index)
    workdir = tempfile.mkdtemp(prefix="ltd_drive_")
    try:
        # one test-pulse run per file (the first protocol of each)
        first = {}
        for p in pids:
            first.setdefault(fit_ltd.PROTOCOLS[p][0], p)
        with cf.ThreadPoolExecutor(args.jobs) as pool:
            tests = {fname: pool.submit(measure_test_pulse, args.binary, p, args.set, workdir)
                     for fname, p in first.items()}
            tests = {fname: f.result() for fname, f in tests.items()}
            futs = {p: pool.submit(measure, args.binary, p, args.set, workdir,
                                   tests[fit_ltd.PROTOCOLS[p][0]][1], args.periods_from)
                    for p in pids}
            res = {p: f.result() for p, f in futs.items()}
            for p in pids:
                res[p]["test_ca"] = tests[fit_ltd.PROTOCOLS[p][0]][0]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{'protocol':<12}{'model %':>9}{'band':>13}{'int_drive_s':>13}{'max_drive':>11}"
          f"{'max_camkii':>12}{'test_ca':>9}{'pulse_ca':>10}{'ca_int':>9}{'nmda_fC':>9}"
          f"{'spine_v':>15}")
    for _, p, after, lo, hi in targets:
        r = res[p]
        model = r["pots"].get(float(after))
        band = ("" if lo == -fit_ltd.OPEN else f"{lo:g}") + "-" + \
            ("" if hi == fit_ltd.OPEN else f"{hi:g}")
        print(f"{p:<12}{'n/a' if model is None else f'{model:.1f}':>9}{band:>13}"
              f"{r['int_drive_s']:>13.1f}{r['max_drive']:>11.3f}{r['max_camkii']:>12.4f}"
              f"{r['test_ca']:>9.3f}{r['pulse_ca']:>10.3f}{r['ca_int']:>9.2f}{r['nmda_fC']:>9.3f}"
              f"{r['v_min']:>8.1f}..{r['v_max']:.1f}")


if __name__ == "__main__":
    main()
