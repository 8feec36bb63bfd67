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
               under clamp) from the PERIODS_FROM-th on
  spine_v      the spine's lowest and highest potential (mV) over those periods

A readout in which LTD grows with the phosphatase drive can only pass if the protocols the data
call "LTD" get more drive than those they call "no change"; the table shows where that ordering
fails (docs/model.md, Known limits). Extra `--set key=value` arguments go to every run, except
for keys an experiment file sets itself (as in the suite and tools/fit_ltd.py). The drive and
CaMKII change over seconds, so 20 ms samples resolve them.

Usage (from the repository root, after building ./build/ltpsim; ~3.5 min on 2 cores):

    python3 tools/ltd_drive.py [--set camkii.cam_kinetics=two_lobe ...]
"""
import argparse
import concurrent.futures as cf
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fit_ltd  # noqa: E402  (the protocols, targets and the suite's substitution)

TRACE_MS = 20
AFTER_S = 300  # traced after the induction
FINE_MS = 0.1  # per-pulse windows
PERIODS_FROM, PERIODS = 10, 3
TEST_WINDOW_S = 0.25


def period_s(fname, settings):
    """Period of the protocol's induction (the files': 900 pulses at the varied rate, 60 pairs
    at 1 Hz, 200 pulses at 2 Hz)."""
    if fname == "frequency_response.exp":
        return 1.0 / float(re.search(r"[\d.]+", settings["rate"]).group())
    return {"stdp.exp": 1.0, "vc_pairing.exp": 0.5}[fname]


def induction_s(fname, settings):
    """Length of the protocol's induction."""
    pulses = {"frequency_response.exp": 900, "stdp.exp": 60, "vc_pairing.exp": 200}[fname]
    return pulses * period_s(fname, settings)


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
    cmd = [binary, "run", exp, "--out", out] + [a for s in sets for a in ("--set", s)]
    proc = subprocess.run(cmd, capture_output=True, text=True,
                          env=dict(os.environ, LTPSIM_VALIDATION_DIR=fit_ltd.VALIDATION))
    if proc.returncode != 0:
        raise SystemExit(f"{exp}: {proc.stderr.strip()}")
    with open(os.path.join(out, "summary.json")) as f:
        return json.load(f)


def measure(binary, pid, sets, workdir):
    fname, settings = fit_ltd.PROTOCOLS[pid]
    with open(os.path.join(fit_ltd.VALIDATION, fname)) as f:
        text = fit_ltd.vary(f.read(), settings)
    own = fit_ltd.file_param_keys(text)
    sets = [s for s in sets if s.split("=", 1)[0] not in own]
    # untraced first (quiet stretches stay fast): the value and the induction onset; then
    # traced from the onset over the induction and AFTER_S
    exp = os.path.join(workdir, pid + ".exp")
    with open(exp, "w") as f:
        f.write(text)
    summary = run(binary, exp, os.path.join(workdir, pid + ".plain"), sets)
    onset_s = 60.0 * summary["induction_min"]
    rows = traced_rows(binary, exp, os.path.join(workdir, pid + ".out"), sets,
                       traced(text, onset_s, onset_s + induction_s(fname, settings) + AFTER_S))
    t = [r["t_ms"] for r in rows]
    drive = [r["pp1_drive"] for r in rows]
    integral_s = sum(drive[i] * (t[i + 1] - t[i]) for i in range(len(t) - 1)) / 1000.0
    pots = {x["after_min"]: x["potentiation_pct"] for x in summary["potentiation"]
            if x["pathway"] == 1}
    test = traced_rows(binary, exp, os.path.join(workdir, pid + ".test"), sets,
                       traced(text, 0.0, TEST_WINDOW_S, FINE_MS))
    period = period_s(fname, settings)
    from_s = onset_s + PERIODS_FROM * period
    pulses = traced_rows(binary, exp, os.path.join(workdir, pid + ".pulses"), sets,
                         traced(text, from_s, from_s + PERIODS * period, FINE_MS))
    return {"pots": pots, "int_drive_s": integral_s, "max_drive": max(drive),
            "max_camkii": max(r["camkii_p"] for r in rows),
            "test_ca": max(r["spine_ca_uM"] for r in test),
            "pulse_ca": max(r["spine_ca_uM"] for r in pulses),
            "v_min": min(r["spine_v_mV"] for r in pulses),
            "v_max": max(r["spine_v_mV"] for r in pulses)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(fit_ltd.ROOT, "build", "ltpsim"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    args = ap.parse_args()
    targets = [t for t in fit_ltd.TARGETS if t[1].startswith(("frc_", "stdp_", "vc_"))]
    pids = sorted({t[1] for t in targets}, key=list(fit_ltd.PROTOCOLS).index)
    workdir = tempfile.mkdtemp(prefix="ltd_drive_")
    try:
        with cf.ThreadPoolExecutor(args.jobs) as pool:
            futs = {p: pool.submit(measure, args.binary, p, args.set, workdir) for p in pids}
            res = {p: f.result() for p, f in futs.items()}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{'protocol':<12}{'model %':>9}{'band':>13}{'int_drive_s':>13}{'max_drive':>11}"
          f"{'max_camkii':>12}{'test_ca':>9}{'pulse_ca':>10}{'spine_v':>15}")
    for _, p, after, lo, hi, _ in targets:
        r = res[p]
        model = r["pots"].get(float(after))
        band = ("" if lo == -fit_ltd.OPEN else f"{lo:g}") + "-" + \
            ("" if hi == fit_ltd.OPEN else f"{hi:g}")
        print(f"{p:<12}{'n/a' if model is None else f'{model:.1f}':>9}{band:>13}"
              f"{r['int_drive_s']:>13.1f}{r['max_drive']:>11.3f}{r['max_camkii']:>12.4f}"
              f"{r['test_ca']:>9.3f}{r['pulse_ca']:>10.3f}"
              f"{r['v_min']:>8.1f}..{r['v_max']:.1f}")


if __name__ == "__main__":
    main()
