#!/usr/bin/env python3
"""How close can any population of synapse variants come to a set of validation cases?

The model's pathway is one synapse repeated, and each synapse switches all-or-none, so the
cases that read a population (a field EPSP, a whole-cell EPSC) see one synapse's all-or-none
answer. A real pathway mixes synapses that differ (start state, NMDAR count, head volume,
neck, how many co-active inputs their cell receives). This script asks what the best such
mixture could do, before any population is built into the engine:

1. Each member is the default set with some overrides (`--member "a.b=v;c.d=w"`, or the
   cartesian product of `--grid a.b=v1,v2,...`). For every member and every `--case`, it runs
   `ltpsim validate --only CASE --set ...` and reads each check's model value and band.
2. A population's readout in % of baseline is the mean of its members' readouts weighted by
   the share u_i of the baseline response each member carries (exact for checks that are a
   mean of the response in % of baseline; a check that is a maximum, such as field_ltp's PTP,
   is not, and is left out with `--exclude-check PTP`).
3. A linear programme (scipy's HiGHS) finds the shares u_i >= 0, sum 1, that minimise the
   largest distance t of any check's mixture value outside its band [lo - t, hi + t], in the
   checks' unit (percentage points). `--share "a.b=v:F"` fixes the total share of the members
   whose overrides include a.b=v (e.g. the start state's 1/4 of synapses).

4. `--weight "a.b=v;c.d=w@W"` (repeat) evaluates one given population instead: the named
   members carry shares proportional to W (the others none), and the output gives its
   mixture value per check and its largest miss, for a population whose shares come from
   sources rather than from the programme.

t = 0 means some mixture of the members passes every selected check; t > 0 is a lower bound
on the miss of any population of these members whose synapses behave in the mixture as they
do alone. That last clause is the approximation: each member is run as a whole pathway of
its own kind (its cell's depolarisation is its own, not the population's). The free shares
are an optimum, not a measured distribution: a mixture that passes is a target for a
population with sourced distributions, not a result.

Usage (from the repository root, after building ./build/ltpsim):

    python3 tools/mixture_bound.py --case frequency_response --case vc_pairing \\
        --case field_ltp --exclude-check PTP --grid late.start_high=0,1 \\
        --grid nmda.n_receptors=4.5,9,15,22,30 --jobs 2 --out /tmp/mixture.json
    python3 tools/mixture_bound.py --from /tmp/mixture.json --case frequency_response \
        --case vc_pairing --share late.start_high=1:0.36 --out /tmp/subset.json

    python3 tools/mixture_bound.py --from /tmp/mixture.json --case frequency_response \
        --weight "late.start_high=0@3" --weight "late.start_high=1@1" --out /tmp/fixed.json

`--from` re-solves the members of an earlier output for some of its cases, checks or shares
without simulating. docs/fits/mixture_bound_40_variants.json records the 40 variants of
docs/model.md (Known limits, "R5 against any population"); its provenance holds the command.

Output JSON: provenance, members (overrides, and each check's band and model value), and for
every case alone and for all together the optimum t, the nonzero shares and the mixture's
value per check.
"""
import argparse
import concurrent.futures as cf
import datetime
import itertools
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fit_ltd  # noqa: E402  (parameter table, units, provenance)
import fit_suite  # noqa: E402  (one ltpsim validate run)


def parse_member(spec):
    """'a.b=v;c.d=w' -> {'a.b': 'v', 'c.d': 'w'} ('' is the defaults)."""
    out = {}
    for item in filter(None, (s.strip() for s in spec.split(";"))):
        key, eq, value = item.partition("=")
        if not eq or not key.strip() or not value.strip():
            raise SystemExit(f"--member: '{item}' is not mech.param=value")
        out[key.strip()] = value.strip()
    return out


def grid_members(grids):
    """The cartesian product of ['a.b=v1,v2', ...] as member override dicts."""
    axes = []
    for g in grids:
        key, eq, values = g.partition("=")
        vals = [v.strip() for v in values.split(",") if v.strip()]
        if not eq or not vals:
            raise SystemExit(f"--grid: '{g}' is not mech.param=v1,v2,...")
        axes.append([(key.strip(), v) for v in vals])
    return [dict(combo) for combo in itertools.product(*axes)] if axes else []


def parse_share(spec):
    """'a.b=v:F' -> ('a.b', 'v', F)."""
    setting, colon, frac = spec.rpartition(":")
    key, eq, value = setting.partition("=")
    try:
        f = float(frac)
    except ValueError:
        f = -1.0
    if not colon or not eq or not 0.0 <= f <= 1.0:
        raise SystemExit(f"--share: '{spec}' is not mech.param=value:FRACTION (0-1)")
    return key.strip(), value.strip(), f


def parse_weight(spec):
    """'a.b=v;c.d=w@W' -> ({'a.b': 'v', 'c.d': 'w'}, W) with W > 0."""
    member, at, weight = spec.rpartition("@")
    try:
        w = float(weight)
    except ValueError:
        w = -1.0
    if not at or not w > 0.0:
        raise SystemExit(f"--weight: '{spec}' is not 'mech.param=value;...@WEIGHT' (WEIGHT > 0)")
    return parse_member(member), w


def fixed_shares(members, weights):
    """Shares of the members (in their order) for [(overrides, W)], normalised to sum 1; each
    weighted member must be one of members."""
    u = [0.0] * len(members)
    for overrides, w in weights:
        if overrides not in members:
            raise SystemExit(f"--weight: {overrides} is not one of the members")
        u[members.index(overrides)] += w
    total = sum(u)
    return [x / total for x in u]


def mixture_value(u, column):
    """A check's value for the population with shares u (column: each member's value)."""
    return sum(ui * v for ui, v in zip(u, column))


def largest_miss(checks, u):
    """The largest distance outside its band of any check's mixture value for shares u;
    checks[j] = (lo, hi, [value of member i]), None for an open edge."""
    t = 0.0
    for lo, hi, column in checks:
        v = mixture_value(u, column)
        if lo is not None:
            t = max(t, lo - v)
        if hi is not None:
            t = max(t, v - hi)
    return t


def member_checks(doc, exclude):
    """[(case:label, lo, hi, model)] of a validation.json, leaving out labels starting with
    any of exclude; an open band edge is None."""
    out = []
    for case in doc["cases"]:
        for k in case["checks"]:
            if any(k["label"].startswith(e) for e in exclude):
                continue
            out.append((f"{case['name']}: {k['label']}", k["lo"], k["hi"], k["model"]))
    return out


def best_mixture(values, bands, share_rows=()):
    """Shares u (u >= 0, sum 1) minimising the largest band miss t of the mixture.

    values[i][j]: member i's value of check j; bands[j] = (lo, hi), None for an open edge;
    share_rows: [(mask, fraction)]: sum of u_i over mask[i] true equals fraction.
    Returns (t, u), or (None, None) when the share constraints cannot be met."""
    from scipy.optimize import linprog  # Debian python3-scipy

    n = len(values)
    a_ub, b_ub = [], []
    for j, (lo, hi) in enumerate(bands):
        col = [values[i][j] for i in range(n)]
        if lo is not None:  # sum u v >= lo - t
            a_ub.append([-v for v in col] + [-1.0])
            b_ub.append(-lo)
        if hi is not None:  # sum u v <= hi + t
            a_ub.append(col + [-1.0])
            b_ub.append(hi)
    a_eq, b_eq = [[1.0] * n + [0.0]], [1.0]
    for mask, frac in share_rows:
        a_eq.append([1.0 if m else 0.0 for m in mask] + [0.0])
        b_eq.append(frac)
    res = linprog([0.0] * n + [1.0], A_ub=a_ub or None, b_ub=b_ub or None, A_eq=a_eq,
                  b_eq=b_eq, bounds=[(0.0, None)] * (n + 1), method="highs")
    if res.status != 0:
        return None, None
    return max(0.0, res.x[-1]), [max(0.0, u) for u in res.x[:-1]]


def run_member(binary, case, overrides, table):
    """validation.json of one case with a member's overrides (one thread: members run in
    parallel)."""
    params = {k: fit_ltd.with_unit(table, k, v) for k, v in overrides.items()}
    doc, stderr = fit_suite.validate_report(binary, 1, params, only=case)
    if doc is None:
        raise SystemExit(f"ltpsim validate --only {case} with {params} left no "
                         f"validation.json:\n{stderr}")
    return doc


def describe(solution, members, checks, names):
    t, u = solution
    if t is None:
        return {"feasible_shares": False}
    return {
        "max_miss": round(t, 3),
        "shares": [{"member": members[i], "share": round(s, 4)}
                   for i, s in enumerate(u) if s > 1e-4],
        "mixture": [{"check": names[j], "lo": checks[j][0], "hi": checks[j][1],
                     "value": round(mixture_value(u, checks[j][2]), 2)}
                    for j in range(len(names))],
    }


def measure(args, members):
    """Every member's checks of every --case: [[(case: label, lo, hi, model)] per member]."""
    table = fit_ltd.param_table(args.binary)
    for m in members:
        for k, v in m.items():
            fit_ltd.with_unit(table, k, v)  # unknown keys stop here, before any run
    docs = {}
    with cf.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_member, args.binary, c, members[i], table): (i, c)
                   for i in range(len(members)) for c in args.case}
        for fut in cf.as_completed(futures):
            docs[futures[fut]] = fut.result()
    return [sum((member_checks(docs[(i, c)], args.exclude_check) for c in args.case), [])
            for i in range(len(members))]


def measured(path, cases, exclude):
    """Members and their checks from an earlier output of this script, restricted to cases
    and without the excluded labels (no simulation)."""
    with open(path) as f:
        doc = json.load(f)
    members = [m["overrides"] for m in doc["members"]]
    unknown = sorted(set(cases) - set(doc["cases"]))
    if unknown:
        raise SystemExit(f"{path} has no case {', '.join(unknown)} (it has "
                         f"{', '.join(doc['cases'])})")
    rows = [[(k["check"], k["lo"], k["hi"], k["model"]) for k in m["checks"]
             if k["check"].split(": ", 1)[0] in cases
             and not any(k["check"].split(": ", 1)[1].startswith(e) for e in exclude)]
            for m in doc["members"]]
    return members, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--case", action="append", required=True, help="validation case (repeat)")
    ap.add_argument("--member", action="append", default=[], help="'a.b=v;c.d=w' (repeat)")
    ap.add_argument("--grid", action="append", default=[], help="a.b=v1,v2,... (product)")
    ap.add_argument("--share", action="append", default=[], help="a.b=v:FRACTION")
    ap.add_argument("--weight", action="append", default=[],
                    help="'a.b=v;c.d=w@W': evaluate this population (repeat; shares ~ W)")
    ap.add_argument("--exclude-check", action="append", default=[],
                    help="leave out checks whose label starts with this (repeat)")
    ap.add_argument("--from", dest="from_file",
                    help="re-solve the members of an earlier output (no simulation)")
    ap.add_argument("--jobs", type=int, default=2, help="parallel ltpsim processes")
    ap.add_argument("--binary", default=os.path.join(fit_ltd.ROOT, "build", "ltpsim"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    started = datetime.datetime.now(datetime.timezone.utc)
    if args.from_file:
        members, per_member = measured(args.from_file, args.case, args.exclude_check)
    else:
        members = [parse_member(m) for m in args.member] + grid_members(args.grid)
        if not members:
            raise SystemExit("give at least one --member or --grid, or --from")
        per_member = measure(args, members)
    shares = [parse_share(s) for s in args.share]
    names = [r[0] for r in per_member[0]]
    if not names:
        raise SystemExit("no checks to meet: see --case and --exclude-check")
    for i, rows in enumerate(per_member):
        if [r[0] for r in rows] != names:
            raise SystemExit(f"member {members[i]} has different checks from the first")
        missing = [r[0] for r in rows if r[3] is None]
        if missing:
            raise SystemExit(f"member {members[i]}: no model value for {', '.join(missing)}")
    # checks[j] = (lo, hi, [value of member i])
    checks = [(per_member[0][j][1], per_member[0][j][2], [rows[j][3] for rows in per_member])
              for j in range(len(names))]
    share_rows = [([m.get(k) == v for m in members], f) for k, v, f in shares]

    def solve(selected):
        values = [[checks[j][2][i] for j in selected] for i in range(len(members))]
        sol = best_mixture(values, [checks[j][:2] for j in selected], share_rows)
        return describe(sol, members, [checks[j] for j in selected], [names[j] for j in selected])

    results = {c: solve([j for j, n in enumerate(names) if n.startswith(c + ": ")])
               for c in args.case}
    results["all cases together"] = solve(list(range(len(names))))
    if args.weight:
        u = fixed_shares(members, [parse_weight(w) for w in args.weight])
        results["given population"] = describe((largest_miss(checks, u), u), members, checks,
                                               names)
    doc = {
        "provenance": fit_ltd.provenance(args.binary, "tools/mixture_bound.py", started),
        "objective": "minimise t, the largest distance (check units) of the share-weighted "
                     "mixture outside any band; shares >= 0, sum 1",
        "cases": args.case, "excluded_checks": args.exclude_check,
        "fixed_shares": [{"setting": f"{k}={v}", "share": f} for k, v, f in shares],
        "given_weights": args.weight,
        "members": [{"overrides": m, "checks": [{"check": r[0], "lo": r[1], "hi": r[2],
                                                  "model": r[3]} for r in rows]}
                    for m, rows in zip(members, per_member)],
        "results": results,
    }
    tmp = args.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(doc, f, indent=1)
    os.replace(tmp, args.out)
    for name, r in results.items():
        if "max_miss" in r:
            print(f"{name}: largest miss {r['max_miss']:.2f} with {len(r['shares'])} members")
        else:
            print(f"{name}: the fixed shares cannot be met by these members")


if __name__ == "__main__":
    main()
