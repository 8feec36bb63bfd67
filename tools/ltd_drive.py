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

A readout in which LTD grows with the phosphatase drive can only pass if the protocols the data
call "LTD" get more drive than those they call "no change"; the table shows where that ordering
fails (docs/model.md, Known limits). Extra `--set key=value` arguments go to every run, except
for keys an experiment file sets itself (as in the suite and tools/fit_ltd.py). The drive and
CaMKII change over seconds, so 20 ms samples resolve them.

Usage (from the repository root, after building ./build/ltpsim; ~2.5 min on 2 cores):

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


def induction_s(fname, settings):
    """Length of the protocol's induction (the files': 900 pulses, 60 pairs at 1 Hz, 200
    pulses at 2 Hz)."""
    if fname == "frequency_response.exp":
        return 900.0 / float(re.search(r"[\d.]+", settings["rate"]).group())
    return {"stdp.exp": 60.0, "vc_pairing.exp": 100.0}[fname]


def traced(text, from_s, to_s):
    """The experiment with [from_s, to_s] traced every TRACE_MS."""
    text = re.sub(r"^\s*traces\s*=.*$", "", text, flags=re.M)
    return text + f'\ntraces = {{ interval = "{TRACE_MS} ms"; from = "{from_s:g} s"; ' \
        f'to = "{to_s:g} s"; }};\n'


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
    with open(exp, "w") as f:
        f.write(traced(text, onset_s, onset_s + induction_s(fname, settings) + AFTER_S))
    out = os.path.join(workdir, pid + ".out")
    run(binary, exp, out, sets)
    with open(os.path.join(out, "traces.csv")) as f:
        rows = list(csv.DictReader(f))
    t = [float(r["t_ms"]) for r in rows]
    drive = [float(r["pp1_drive"]) for r in rows]
    integral_s = sum(drive[i] * (t[i + 1] - t[i]) for i in range(len(t) - 1)) / 1000.0
    pots = {x["after_min"]: x["potentiation_pct"] for x in summary["potentiation"]
            if x["pathway"] == 1}
    return {"pots": pots, "int_drive_s": integral_s, "max_drive": max(drive),
            "max_camkii": max(float(r["camkii_p"]) for r in rows)}


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
          f"{'max_camkii':>12}")
    for _, p, after, lo, hi, _ in targets:
        r = res[p]
        model = r["pots"].get(float(after))
        band = ("" if lo == -fit_ltd.OPEN else f"{lo:g}") + "-" + \
            ("" if hi == fit_ltd.OPEN else f"{hi:g}")
        print(f"{p:<12}{'n/a' if model is None else f'{model:.1f}':>9}{band:>13}"
              f"{r['int_drive_s']:>13.1f}{r['max_drive']:>11.3f}{r['max_camkii']:>12.4f}")


if __name__ == "__main__":
    main()
