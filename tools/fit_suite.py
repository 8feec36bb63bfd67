#!/usr/bin/env python3
"""Search ltpsim parameters against the whole validation suite (`ltpsim validate`).

tools/fit_ltd.py fits the LTD targets; this scores every check of every case, so that a change
to the signalling layer can be judged, and refitted, against all of the suite at once.

Objective (lower is better; 0 = every case passes):

    J = sum over cases [ W if the case fails + sum over its checks c_k ]
    c_k = min((d_k / s_k)^2, 25)

d_k is the distance of the check's model value to its band [lo, hi] (0 inside); s_k is the
band's width where both edges are finite, else a tenth of the finite edge's magnitude; a check
without a model value (e.g. a threshold not found) costs 25, as does the cap, so that one
diverging check cannot hide the others. Expected failures count like every other case: the
point is to pass them. W is 1 unless `--case-weight W` says otherwise: a large W (e.g. 100)
makes the search put the number of passing cases first and the distances second. `--skip CASE` leaves a case out of J (for instance camkii_bistability,
which checks Graupner & Brunel 2007's thresholds in Ca2+ and so moves by construction when
camkii.kinase_l1..l4 differ from l1..l4). A suite run that leaves no validation.json scores 1e6.

Each evaluation is one `ltpsim validate --jobs N --set key=value ...` (the suite's own files,
substitutions and shared runs; ~40 s on 2 cores). Free parameters, fixed overrides, scale
factors (`x:a.b+c.d`), units and the search (Latin hypercube, then compass search) are those of
tools/fit_ltd.py.

Usage (from the repository root, after building ./build/ltpsim):

    python3 tools/fit_suite.py --evals 1 --out /tmp/defaults.json      # score the defaults
    python3 tools/fit_suite.py --fix calcium.kinase_vgcc_coupling=0 \\
        --free calcium.kinase_nmda_enrichment=5:60:log --skip camkii_bistability \\
        --evals 30 --out docs/fits/suite_fit.json

The output JSON holds provenance (as fit_ltd.py's), the objective's definition, the free and
fixed parameters, the skipped cases, every evaluation and, for the best one, each case's cost
and failing checks.
"""
import argparse
import datetime
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fit_ltd  # noqa: E402  (parameters, units, search, provenance)

CHECK_CAP = 25.0
RUN_FAILED = 1e6


def objective_text(case_weight):
    """The objective's definition, as the output JSON records it."""
    return (f"sum over cases of ({case_weight:g} if the case fails) + sum over its checks of "
            f"min((distance to band / scale)^2, {CHECK_CAP:g}); scale = band width, or a tenth "
            f"of the one finite edge; no model value costs {CHECK_CAP:g}; "
            f"{RUN_FAILED:g} when the suite leaves no validation.json")


def check_cost(check):
    """c_k of one check of validation.json (keys lo, hi, model, pass; None = open edge)."""
    if check["pass"]:
        return 0.0
    v = check["model"]
    if v is None:
        return CHECK_CAP
    lo = -math.inf if check["lo"] is None else check["lo"]
    hi = math.inf if check["hi"] is None else check["hi"]
    d = lo - v if v < lo else (v - hi if v > hi else 0.0)
    if math.isfinite(lo) and math.isfinite(hi):
        scale = hi - lo
    else:
        scale = 0.1 * abs(lo if math.isfinite(lo) else hi)
    if scale <= 0.0:
        return CHECK_CAP if d > 0.0 else 0.0
    return min((d / scale) ** 2, CHECK_CAP)


def score(validation, skip=(), case_weight=1.0):
    """(J, passing cases, {case: cost} of the failing ones, [failing check labels]) of a
    validation.json document; cases named in skip are left out; a failing case costs
    case_weight on top of its checks."""
    total, passing, costs, misses = 0.0, 0, {}, []
    for case in validation["cases"]:
        if case["name"] in skip:
            continue
        cost = sum(check_cost(k) for k in case["checks"])
        if case["pass"]:
            passing += 1
        else:
            cost += case_weight
            costs[case["name"]] = cost
            misses += [f"{case['name']}: {k['label']} = {k['model']}" for k in case["checks"]
                       if not k["pass"]]
        total += cost
    return total, passing, costs, misses


def validate_report(binary, jobs, params, only=None):
    """(validation.json as a dict, or None when the run left none; the end of its stderr) of
    `ltpsim validate --jobs N [--only CASE] --set key=value ...` in a scratch directory.
    validate exits non-zero when a case fails: only a missing report is an error."""
    workdir = tempfile.mkdtemp(prefix="ltpsim_validate_")
    cmd = [binary, "validate", "--jobs", str(jobs), "--out", os.path.join(workdir, "v")]
    cmd += ["--only", only] if only else []
    for k, v in params.items():
        cmd += ["--set", f"{k}={v}"]
    run = None
    try:
        run = subprocess.run(cmd, capture_output=True, text=True)
        with open(os.path.join(workdir, "v", "validation.json")) as f:
            return json.load(f), None
    except (OSError, ValueError):
        return None, run.stderr.strip()[-2000:] if run else f"cannot run {cmd[0]}"
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


class Evaluator:
    def __init__(self, binary, jobs, fixed, skip, case_weight=1.0):
        self.binary, self.jobs, self.fixed, self.skip = binary, jobs, fixed, set(skip)
        self.case_weight = case_weight
        self.table = fit_ltd.param_table(binary)
        self.history = []

    def overrides(self, free):
        params = dict(self.fixed, **{k: f"{v:.6g}" for k, v in free.items()})
        params = fit_ltd.expand_scales(params, self.table)
        return {k: fit_ltd.with_unit(self.table, k, v) for k, v in params.items()}

    def __call__(self, free):
        params = self.overrides(free)
        doc, stderr = validate_report(self.binary, self.jobs, params)
        if doc is None:
            entry = {"params": params, "objective": RUN_FAILED, "passing": 0,
                     "error": stderr}
        else:
            unknown = self.skip - {c["name"] for c in doc["cases"]}
            if unknown:
                raise SystemExit(f"--skip: no case named {', '.join(sorted(unknown))}")
            total, passing, costs, misses = score(doc, self.skip, self.case_weight)
            entry = {"params": params, "objective": total, "passing": passing,
                     "case_costs": costs, "misses": misses}
        entry["free"] = {k: float(f"{v:.6g}") for k, v in free.items()}
        self.history.append(entry)
        tail = entry.get("error") or " ".join(f"{k}:{c:.2f}"
                                              for k, c in entry["case_costs"].items())
        print(f"[{len(self.history)}] J={entry['objective']:.3f} passing={entry['passing']} "
              f"{entry['free']} | {tail}", flush=True)
        return entry["objective"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    fit_ltd.add_search_args(ap, "ltpsim validate --jobs")
    ap.add_argument("--skip", action="append", default=[], help="case left out of J")
    ap.add_argument("--case-weight", type=float, default=1.0,
                    help="cost of a failing case on top of its checks (default 1)")
    ap.add_argument("--out", default="suite_fit.json")
    a = ap.parse_args()

    free = [fit_ltd.parse_free(s) for s in a.free]
    fixed = dict(s.split("=", 1) for s in a.fix)
    start = fit_ltd.start_point(free, dict(s.split("=", 1) for s in a.start))
    if not a.case_weight >= 0.0:
        raise SystemExit(f"--case-weight {a.case_weight:g}: expected a number >= 0")
    ev = Evaluator(a.binary, a.jobs, fixed, a.skip, a.case_weight)
    t0 = datetime.datetime.now(datetime.timezone.utc)
    fit_ltd.search(ev, free, start, a.init, max(1, a.evals), a.seed)
    best = min(ev.history, key=lambda e: e["objective"])
    result = {
        "provenance": fit_ltd.provenance(a.binary, "tools/fit_suite.py", t0),
        "objective": objective_text(a.case_weight),
        "free": free,
        "fixed": fixed,
        "skip": sorted(ev.skip),
        "best": best,
        "evaluations": ev.history,
    }
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1)
    print(f"best J = {best['objective']:.3f}, {best['passing']} cases passing, with "
          f"{best['params']}; written {a.out}")
    for m in best.get("misses", []):
        print(f"  {m}")


if __name__ == "__main__":
    main()
