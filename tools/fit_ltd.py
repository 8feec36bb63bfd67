#!/usr/bin/env python3
"""Fit free ltpsim parameters for LTD while keeping the passing LTP cases in band.

Objective (lower is better, 0 = every target inside its band):

    J = sum_k w_k * (d_k / 10 %)^2,   d_k = distance of the model value to the band [lo, hi]

over the LTD targets of the validation suite (src/validate/cases.c, same protocols, same
bands): frequency_response (Dudek & Bear 1992: 1/3/5/10/50 Hz, fEPSP at 60 min), stdp_window
(Bi & Poo 1998: a subset of delays, EPSP at 30 min) and vc_pairing (Shouval et al. 2002 check:
a subset of holding potentials, EPSC at 20 min), weight 1 each, plus penalty terms (weight 10)
that keep currently passing cases in band: field LTP (field_ltp.exp, STP 150-200 % at 5 min,
LTP 130-180 % at 60 min) and early_vs_late (early_ltp.exp, one train back to 90-110 % at 180
and 240 min). A run that fails (numerical blow-up) scores 1e6.

Each protocol is one `ltpsim run FILE --set key=value ...` of the file under validation/, with
the suite's `# vary:` substitution (the text between '=' and ';' on the marked line). Keys that
an experiment file sets itself in its `params` block (e.g. release.mode in field_ltp.exp) are
not overridden, as in the suite. Runs go 2 at a time (--jobs). With `--seeds N` every protocol
runs with seeds 1..N in place of the file's and each readout is their mean: with release drawn
per pulse (`release.mode = stochastic`) a run is one synapse's fate, while a field EPSP or an
EPSC sums many synapses. Protocols whose release is the mean field run once.

With `--spine-population lognormal:MEAN:CV:N` the pathway is a population of spine sizes:
every protocol (and seed) runs once per member, N head volumes (`cable.head_volume`) at the
quantiles (i + 1/2)/N of a lognormal distribution with that mean (um3) and coefficient of
variation, and each readout is the members' mean weighted by head volume, since a synapse's
AMPAR content and so its share of the field EPSP scale with its head volume (Matsuzaki et al.
2001 [M]). Each member's run keeps the model's one modelled spine with a lumped pathway
identical to it, so a member stands for a pathway of spines of its own size (docs/model.md).

Search: a seeded Latin-hypercube sample of the free parameters (--init points), then a compass
(pattern) search from the best point in the unit cube (log scale where asked) until --evals
evaluations or the step falls below 1/64 of the range. Every evaluation is kept.

Usage (from the repository root, after building ./build/ltpsim):

    python3 tools/fit_ltd.py --free trafficking.k_rem=0.0005:0.02:log \\
        --free trafficking.pp1_threshold=0:1 --fix release.mode=quantal \\
        --evals 40 --out docs/fits/ltd_fit.json
    python3 tools/fit_ltd.py --evals 1 --out /tmp/defaults.json   # evaluate the defaults

The output JSON holds provenance (git commit and dirty flag, date, command line, ltpsim
version), the free and fixed parameters, every evaluation, and for the best one the objective
and every model value against its target band.
"""
import argparse
import concurrent.futures as cf
import datetime
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VALIDATION = os.path.join(ROOT, "validation")
OPEN = math.inf
SCALE_PCT = 10.0  # a miss of 10 percentage points costs w
PENALTY_W = 10.0

# Protocols: id -> (file under validation/, {vary name: value}).
PROTOCOLS = {f"frc_{hz}Hz": ("frequency_response.exp", {"rate": f'"{hz} Hz"'})
             for hz in (1, 3, 5, 10, 50)}
PROTOCOLS.update({f"stdp_{dt:+d}ms": ("stdp.exp", {"delay": f'"{dt} ms"'})
                  for dt in (-40, -20, -10, -5, 5, 10, 40)})
PROTOCOLS.update({f"vc_{mv}mV": ("vc_pairing.exp", {"hold": f'"{mv} mV"'})
                  for mv in (-70, -65, -60, -55, -50, 0)})
PROTOCOLS["field_ltp"] = ("field_ltp.exp", {})
PROTOCOLS["early_ltp"] = ("early_ltp.exp", {})

# Targets: (label, protocol id, readout minutes, lo, hi, weight); bands as in cases.c.
NC_LO, NC_HI = 90.0, 110.0
TARGETS = [
    ("FRC 1 Hz", "frc_1Hz", 60, 75, 85, 1.0),
    ("FRC 3 Hz", "frc_3Hz", 60, 75, 85, 1.0),
    ("FRC 5 Hz", "frc_5Hz", 60, 85, 95, 1.0),
    ("FRC 10 Hz", "frc_10Hz", 60, 95, 105, 1.0),
    ("FRC 50 Hz", "frc_50Hz", 60, 110, 120, 1.0),
    ("STDP -40 ms", "stdp_-40ms", 30, NC_LO, NC_HI, 1.0),
    ("STDP -10 ms", "stdp_-10ms", 30, -OPEN, NC_LO, 1.0),
    ("STDP -5 ms", "stdp_-5ms", 30, 60, 80, 1.0),
    ("STDP +5 ms", "stdp_+5ms", 30, 150, 210, 1.0),
    ("STDP +10 ms", "stdp_+10ms", 30, NC_HI, OPEN, 1.0),
    ("STDP +40 ms", "stdp_+40ms", 30, NC_LO, NC_HI, 1.0),
    ("VC -70 mV", "vc_-70mV", 20, NC_LO, NC_HI, 1.0),
    ("VC -60 mV", "vc_-60mV", 20, -OPEN, NC_LO, 1.0),
    ("VC -55 mV", "vc_-55mV", 20, -OPEN, NC_LO, 1.0),
    ("VC -50 mV", "vc_-50mV", 20, NC_HI, OPEN, 1.0),
    ("VC 0 mV", "vc_0mV", 20, 150, 250, 1.0),
    ("field LTP STP 5 min (penalty)", "field_ltp", 5, 150, 200, PENALTY_W),
    ("field LTP 60 min (penalty)", "field_ltp", 60, 130, 180, PENALTY_W),
    ("early_vs_late 1 train 180 min (penalty)", "early_ltp", 180, NC_LO, NC_HI, PENALTY_W),
    ("early_vs_late 1 train 240 min (penalty)", "early_ltp", 240, NC_LO, NC_HI, PENALTY_W),
]


def band_distance(v, lo, hi):
    if v is None or math.isnan(v):
        return None
    return max(lo - v, v - hi, 0.0)


def by_prefix(rows, spec, field):
    """The rows whose row[field] starts with one of the comma-separated prefixes of spec (all
    of them when spec is empty or None)."""
    prefixes = tuple(x for x in (spec or "").split(",") if x)
    return [r for r in rows if r[field].startswith(prefixes)] if prefixes else list(rows)


def file_param_keys(text):
    """mech.param keys that the experiment's own `params = { mech = { k = v; }; }` sets."""
    m = re.search(r"^\s*params\s*=\s*\{(.*?)^\s*\};", text, re.S | re.M)
    keys = set()
    for mech, body in re.findall(r"(\w+)\s*=\s*\{([^{}]*)\}", m.group(1) if m else ""):
        keys.update(f"{mech}.{k}" for k in re.findall(r"(\w+)\s*=", body))
    return keys


def vary_mark_line(text, name):
    """Index of the line holding the one mark '# vary: NAME' (ended by a space, a line end or
    the end of the text, anywhere on a line, as src/io/vary.c counts them)."""
    mark = re.compile(r"# vary: " + re.escape(name) + r"(?=[ \r\n]|\Z)")
    hits = [m.start() for m in mark.finditer(text)]
    if len(hits) != 1:
        raise SystemExit(f"{len(hits)} lines marked '# vary: {name}' (expected one)")
    return text.count("\n", 0, hits[0])


def vary(text, settings):
    """The suite's substitution: the value between '=' and ';' before the mark on the line
    '# vary: NAME' (values are given as the file writes them, quotes included)."""
    lines = text.splitlines(keepends=True)
    for name, value in settings.items():
        i = vary_mark_line("".join(lines), name)
        ln = lines[i]
        mark = ln.index("# vary: " + name)
        eq = ln.find("=", 0, mark)
        semi = ln.find(";", eq + 1, mark) if eq >= 0 else -1
        if semi < 0:
            raise SystemExit(f"the line marked '# vary: {name}' holds no 'key = value;' setting")
        lines[i] = ln[: eq + 1] + " " + value + ln[semi:]
    return "".join(lines)


def file_release_mode(text):
    """The release mode an experiment's own `params` block sets, or None."""
    m = re.search(r"^\s*params\s*=\s*\{(.*?)^\s*\};", text, re.S | re.M)
    block = re.search(r"\brelease\s*=\s*\{([^{}]*)\}", m.group(1)) if m else None
    mode = re.search(r'\bmode\s*=\s*"(\w+)"', block.group(1)) if block else None
    return mode.group(1) if mode else None


def param_table(binary):
    """Unit and default of every parameter from `ltpsim params` ('1' and 'choice' take a bare
    value; a choice's default is its name)."""
    out = subprocess.run([binary, "params"], capture_output=True, text=True, check=True).stdout
    return param_table_from(out)


def param_table_from(listing):
    """{key: (unit, default)} from the text `ltpsim params` prints."""
    return {k: (unit, default) for k, unit, default in
            re.findall(r"^\s+(\w+\.\w+)\s+(.+?)\s+default\s+(\S+)", listing, re.M)}


def expand_scales(params, table):
    """A key `x:a.b+c.d` with value f stands for a.b = f x default, c.d = f x default (one
    free factor on several parameters, e.g. all four CaM affinities). `a.b@e.f` in that list
    sets a.b to f x the default of e.f (e.g. `camkii.kinase_l1@camkii.l1`: the kinase's CaM as
    the phosphatases' times f, where a.b's own default is 0)."""
    out = {}
    for k, v in params.items():
        if k.startswith("x:"):
            for item in k[2:].split("+"):
                key, _, base = item.partition("@")
                base = base or key
                for name in (key, base):
                    if name not in table:
                        raise SystemExit(f"unknown parameter {name}")
                    if table[name][0] == "choice":
                        raise SystemExit(f"{name} is a choice: a factor needs a number")
                out[key] = f"{float(v) * float(table[base][1]):.6g}"
        else:
            out[k] = v
    return out


def with_unit(table, key, value):
    if key not in table:
        raise SystemExit(f"unknown parameter {key}")
    unit = table[key][0]
    if unit in ("1", "choice") or re.search(r"[A-Za-z]", str(value)):
        return str(value)
    return f"{value} {unit}"


def with_seed(text, seed):
    """The experiment with its top-level `seed = N;` replaced (None: as written)."""
    if seed is None:
        return text
    new, n = re.subn(r"^seed\s*=\s*\d+\s*;", f"seed = {seed};", text, flags=re.M)
    if n != 1:
        raise SystemExit("no unique top-level 'seed = N;' line")
    return new


def protocol_text(pid, seed=None):
    """The protocol's experiment text (the suite's `# vary:` substitution, `seed` in place of
    the file's) and the keys its own `params` block sets, which overrides leave alone (as in
    the suite)."""
    fname, settings = PROTOCOLS[pid]
    with open(os.path.join(VALIDATION, fname)) as f:
        text = with_seed(vary(f.read(), settings), seed)
    return text, file_param_keys(text)


def ltpsim_run(binary, exp, out, sets):
    """`ltpsim run EXP --out OUT --set KEY=VALUE ...` with the suite's validation directory;
    (summary.json as a dict, or None if the run failed, and the run's stderr)."""
    cmd = [binary, "run", exp, "--out", out] + [a for s in sets for a in ("--set", s)]
    proc = subprocess.run(cmd, capture_output=True, text=True,
                          env=dict(os.environ, LTPSIM_VALIDATION_DIR=VALIDATION))
    try:
        with open(os.path.join(out, "summary.json")) as f:
            return json.load(f), proc.stderr
    except (OSError, ValueError):
        return None, proc.stderr


def run_protocol(binary, pid, params, workdir, seed=None, member=None):
    """Run one protocol (with `seed` in place of the file's; `member` names the population
    member whose overrides params holds); return {after_min: potentiation %} or an error
    string."""
    text, own = protocol_text(pid, seed)
    tag = pid if seed is None else f"{pid}.seed{seed}"
    tag = tag if member is None else f"{tag}.m{member}"
    exp = os.path.join(workdir, tag + ".exp")
    with open(exp, "w") as f:
        f.write(text)
    summary, stderr = ltpsim_run(binary, exp, os.path.join(workdir, tag + ".out"),
                                 [f"{k}={v}" for k, v in params.items() if k not in own])
    if summary is None:
        return "run failed: " + (stderr.strip().splitlines() or ["?"])[-1]
    return {p["after_min"]: p["potentiation_pct"] for p in summary["potentiation"]
            if p["pathway"] == 1}


def population_mean(results, weights=None):
    """Weighted mean (equal weights if None) of each readout over the runs of one protocol
    (the first error string if any run failed). Seeds: with release drawn per pulse every
    seed is one synapse's fate, and a population readout (field EPSP, EPSC) averages many
    synapses. Spine sizes: weights are the members' head volumes (AMPAR content)."""
    errors = [r for r in results if isinstance(r, str)]
    if errors:
        return errors[0]
    weights = weights or [1.0] * len(results)
    total = sum(weights)
    return {after: sum(w * r[after] for w, r in zip(weights, results)) / total
            for after in results[0] if all(after in r for r in results)}


def lognormal_quantiles(mean, cv, n):
    """n values at the quantiles (i + 1/2)/n of the lognormal with this mean and coefficient of
    variation (sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2)."""
    sigma = math.sqrt(math.log(1.0 + cv * cv))
    mu = math.log(mean) - 0.5 * sigma * sigma
    unit = statistics.NormalDist()
    return [math.exp(mu + sigma * unit.inv_cdf((i + 0.5) / n)) for i in range(n)]


def parse_population(spec):
    """`lognormal:MEAN:CV:N` -> the members' head volumes (um3); None for no spec."""
    if spec is None:
        return None
    parts = spec.split(":")
    try:
        if len(parts) != 4 or parts[0] != "lognormal":
            raise ValueError
        mean, cv, n = float(parts[1]), float(parts[2]), int(parts[3])
    except ValueError:
        raise SystemExit(f"--spine-population {spec!r}: expected lognormal:MEAN_UM3:CV:N "
                         "(e.g. lognormal:0.05:0.95:6)")
    if not (mean > 0 and cv >= 0 and 1 <= n <= 64):
        raise SystemExit(f"--spine-population {spec!r}: need MEAN > 0, CV >= 0, 1 <= N <= 64")
    return lognormal_quantiles(mean, cv, n)


class Evaluator:
    def __init__(self, binary, jobs, fixed, targets, seeds=0, volumes=None):
        self.binary, self.jobs, self.fixed, self.targets = binary, jobs, fixed, targets
        self.seeds = list(range(1, seeds + 1)) or [None]
        self.volumes = volumes
        self.protocols = sorted({t[1] for t in targets}, key=list(PROTOCOLS).index)
        # a file's own settings win over overrides (run_protocol): a file that sets the head
        # volume would silently run every member at that one size
        fixed_size = [pid for pid in self.protocols
                      if volumes is not None and "cable.head_volume" in protocol_text(pid)[1]]
        if fixed_size:
            raise SystemExit("--spine-population: these protocols set cable.head_volume "
                             f"themselves: {', '.join(fixed_size)}")
        self.history = []
        self.table = param_table(binary)

    def protocol_seeds(self, pid, params):
        """The seeds to run pid with: one run where release is the mean field (the file's own
        mode, else the overrides' or the default), since no draw then depends on the seed."""
        mode = file_release_mode(protocol_text(pid)[0]) or params.get("release.mode") \
            or self.table["release.mode"][1]
        return [None] if mode == "mean_field" else self.seeds

    def __call__(self, free):
        params = dict(self.fixed, **{k: f"{v:.6g}" for k, v in free.items()})
        params = expand_scales(params, self.table)
        params = {k: with_unit(self.table, k, v) for k, v in params.items()}
        workdir = tempfile.mkdtemp(prefix="fit_ltd_")
        try:
            members = [(None, params, 1.0)] if self.volumes is None else [
                (m, dict(params, **{"cable.head_volume": f"{v:.6g} um3"}), v)
                for m, v in enumerate(self.volumes)]
            with cf.ThreadPoolExecutor(self.jobs) as pool:
                runs = {pid: [(seed, m, p, w) for seed in self.protocol_seeds(pid, params)
                              for m, p, w in members] for pid in self.protocols}
                futs = {(pid, seed, m): pool.submit(run_protocol, self.binary, pid, p, workdir,
                                                    seed, m)
                        for pid in self.protocols for seed, m, p, _ in runs[pid]}
                res = {pid: population_mean([futs[pid, seed, m].result()
                                             for seed, m, _, _ in runs[pid]],
                                            [w for _, _, _, w in runs[pid]])
                       for pid in self.protocols}
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        rows, obj = [], 0.0
        for label, pid, after, lo, hi, w in self.targets:
            r = res[pid]
            v = r.get(float(after)) if isinstance(r, dict) else None
            d = band_distance(v, lo, hi)
            obj += 1e6 if d is None else w * (d / SCALE_PCT) ** 2
            rows.append({"label": label, "protocol": pid, "after_min": after,
                         "model_pct": v, "lo": None if lo == -OPEN else lo,
                         "hi": None if hi == OPEN else hi, "weight": w,
                         "pass": d == 0.0, "error": r if isinstance(r, str) else None})
        entry = {"params": params, "free": {k: float(f"{v:.6g}") for k, v in free.items()},
                 "objective": obj, "values": rows}
        self.history.append(entry)
        fails = [f"{x['label'].split(' (')[0]}={x['model_pct']:.1f}" if x["model_pct"]
                 is not None else x["label"] for x in rows if not x["pass"]]
        print(f"[{len(self.history)}] J={obj:.3f} {entry['free']} misses: {', '.join(fails)}",
              flush=True)
        return obj


def parse_free(spec):
    key, rng = spec.split("=", 1)
    parts = rng.split(":")
    lo, hi = float(parts[0]), float(parts[1])
    log = len(parts) > 2 and parts[2] == "log"
    if log and lo <= 0:
        raise SystemExit(f"{key}: log scale needs lo > 0")
    return {"key": key, "lo": lo, "hi": hi, "log": log}


def from_unit(fp, u):
    if fp["log"]:
        return math.exp(math.log(fp["lo"]) + u * (math.log(fp["hi"]) - math.log(fp["lo"])))
    return fp["lo"] + u * (fp["hi"] - fp["lo"])


def to_unit(fp, x):
    if fp["log"]:
        return (math.log(x) - math.log(fp["lo"])) / (math.log(fp["hi"]) - math.log(fp["lo"]))
    return (x - fp["lo"]) / (fp["hi"] - fp["lo"])


def search(evaluate, free, start, n_init, n_evals, seed):
    """Latin-hypercube start, then compass search in the unit cube."""
    rng = random.Random(seed)
    point = lambda u: {fp["key"]: from_unit(fp, ui) for fp, ui in zip(free, u)}
    cache = {}

    def f(u):
        key = tuple(round(x, 6) for x in u)
        if key not in cache:
            cache[key] = evaluate(point(u))
        return cache[key]

    best_u = [to_unit(fp, x) for fp, x in zip(free, start)] if start else [0.5] * len(free)
    best = f(best_u)
    if not free:
        return
    perms = [rng.sample(range(n_init), n_init) for _ in free]
    for i in range(min(n_init, n_evals - len(cache))):
        u = [(perms[j][i] + rng.random()) / n_init for j in range(len(free))]
        if f(u) < best:
            best, best_u = cache[tuple(round(x, 6) for x in u)], u
    step = 0.25
    while len(cache) < n_evals and step >= 1 / 64 and best > 0:
        improved = False
        for j in range(len(free)):
            for sgn in (1, -1):
                u = list(best_u)
                u[j] = min(1.0, max(0.0, u[j] + sgn * step))
                if u == best_u or len(cache) >= n_evals:
                    continue
                if f(u) < best:
                    best, best_u, improved = cache[tuple(round(x, 6) for x in u)], u, True
                    break
        if not improved:
            step /= 2


def git(*args):
    try:
        return subprocess.run(["git", "-C", ROOT, *args], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def provenance(binary, script, started):
    """Where a fit's numbers come from: the script, its command line, the git commit (and
    whether tracked files differed from it), ltpsim's version and the run's start and end."""
    version = subprocess.run([binary, "version"], capture_output=True, text=True).stdout
    return {
        "script": script,
        "command": " ".join([os.path.basename(sys.executable)] + sys.argv),
        "git_commit": git("rev-parse", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "ltpsim_version": version.strip(),
        "started_utc": started.isoformat(timespec="seconds"),
        "finished_utc": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }


def start_point(free, starts):
    """The start of the search: --start values where given, else each range's middle."""
    return [float(starts[fp["key"]]) if fp["key"] in starts else from_unit(fp, 0.5)
            for fp in free]


def add_search_args(ap, jobs_help):
    """The options every fitting script shares: free, start, fixed, budget, seed, jobs, binary."""
    ap.add_argument("--free", action="append", default=[],
                    help="mech.param=lo:hi[:log] free parameter (repeatable); "
                         "x:a.b+c.d=lo:hi[:log] one factor on the defaults of a.b and c.d "
                         "(a.b@e.f: on the default of e.f)")
    ap.add_argument("--start", action="append", default=[],
                    help="mech.param=value start point of a free parameter (default: middle)")
    ap.add_argument("--fix", action="append", default=[],
                    help="mech.param=value fixed override for every run (repeatable)")
    ap.add_argument("--evals", type=int, default=30, help="evaluation budget")
    ap.add_argument("--init", type=int, default=8, help="Latin-hypercube points")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2, help=jobs_help)
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "ltpsim"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_search_args(ap, "parallel ltpsim processes")
    ap.add_argument("--seeds", type=int, default=0,
                    help="run every protocol with seeds 1..N and fit the mean (for release "
                         "drawn per pulse; default: the files' own seed)")
    ap.add_argument("--spine-population", default=None, metavar="lognormal:MEAN:CV:N",
                    help="run every protocol for N head volumes (um3) at the quantiles of a "
                         "lognormal and fit their head-volume-weighted mean")
    ap.add_argument("--only", default=None,
                    help="comma-separated label prefixes: fit only these targets (screening)")
    ap.add_argument("--out", default="ltd_fit.json")
    a = ap.parse_args()

    free = [parse_free(s) for s in a.free]
    fixed = dict(s.split("=", 1) for s in a.fix)
    starts = dict(s.split("=", 1) for s in a.start)
    start = start_point(free, starts)
    targets = by_prefix(TARGETS, a.only, 0)
    volumes = parse_population(a.spine_population)
    if volumes is not None and "cable.head_volume" in fixed:
        raise SystemExit("--spine-population sets cable.head_volume per member: drop --fix")
    ev = Evaluator(a.binary, a.jobs, fixed, targets, a.seeds, volumes)
    t0 = datetime.datetime.now(datetime.timezone.utc)
    search(ev, free, start, a.init, max(1, a.evals), a.seed)
    best = min(ev.history, key=lambda e: e["objective"])
    result = {
        "provenance": provenance(a.binary, "tools/fit_ltd.py", t0),
        "objective": "sum w (distance to band / 10 %)^2; LTD targets w = 1, LTP penalties "
                     f"w = {PENALTY_W}; 1e6 per failed run",
        "free": free,
        "fixed": fixed,
        "seeds": a.seeds,
        "spine_population": None if volumes is None else {
            "spec": a.spine_population, "head_volumes_um3": volumes,
            "weights": "head volume"},
        "best": {"objective": best["objective"], "params": best["params"],
                 "values": best["values"]},
        "evaluations": ev.history,
    }
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1)
    print(f"best J = {best['objective']:.3f} with {best['params']}; written {a.out}")
    for r in best["values"]:
        band = f"[{r['lo'] if r['lo'] is not None else '-inf'}, " \
               f"{r['hi'] if r['hi'] is not None else 'inf'}]"
        mv = "n/a" if r["model_pct"] is None else f"{r['model_pct']:.1f}"
        print(f"  {r['label']:42s} {mv:>7s}  band {band:14s} {'ok' if r['pass'] else 'MISS'}")


if __name__ == "__main__":
    main()
