#!/usr/bin/env python3
"""Unit tests of the pure helpers of the fitting and diagnostic scripts (tools/fit_ltd.py,
tools/fit_suite.py, tools/ltd_drive.py, tools/cam_equivalent_ca.py, tools/mixture_bound.py):
the suite's `# vary:` substitution, seeds, the mean over seeds, scale factors on defaults, band
distances, the suite-wide objective, the induction read from the validation files, CaM's Ca4CaM
fraction, the members and the best mixture's linear programme.
They run no simulation.
Usage: test_fit_tools.py ROOT."""
import math
import os
import sys
import unittest

ROOT = sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "tools"))
import cam_equivalent_ca  # noqa: E402
import fit_ltd  # noqa: E402
import fit_suite  # noqa: E402
import ltd_drive  # noqa: E402
import mixture_bound  # noqa: E402

EXPERIMENT = """# the rate line is marked "# vary: rate"; seed = 9; in a comment
name = "x";
seed = 1;
params = {
  calcium = { ca_o = "2.5 mM"; };
  nmda = { mg_o = "1.5 mM"; };
  release = { mode = "mean_field"; n_sites = 1; };
};
stimuli = (
  { type = "lfs"; pathway = 1; at = "20 min"; pulses = 900;
    rate = "1 Hz"; }   # vary: rate
);
"""

PARAMS_OUTPUT = """release
  release.mode               choice     default mean_field   one of: mean_field stochastic quantal
      release onto the modelled spine
  camkii.l1                 uM         default 0.1          range [0, 100]
      dissociation constant of the 1st Ca2+ on CaM
  camkii.k11                1/(uM s)   default 500          range [0, 1e+06]
      I1P-PP1 association
"""


class VaryAndSeed(unittest.TestCase):
    def test_vary_replaces_the_marked_value_only(self):
        out = fit_ltd.vary(EXPERIMENT, {"rate": '"50 Hz"'})
        self.assertIn('rate = "50 Hz"; }   # vary: rate', out)
        self.assertIn('# the rate line is marked "# vary: rate"; seed = 9;', out)
        self.assertEqual(out.count("50 Hz"), 1)

    def test_vary_counts_marks_as_the_suite_does(self):
        # src/io/vary.c: a mark ends at a space, a line end or the text's end, wherever it is
        with self.assertRaises(SystemExit):
            fit_ltd.vary(EXPERIMENT, {"delay": '"10 ms"'})
        twice = EXPERIMENT + "# vary: rate\n"
        with self.assertRaises(SystemExit):
            fit_ltd.vary(twice, {"rate": '"3 Hz"'})
        self.assertIn('"3 Hz"', fit_ltd.vary(EXPERIMENT + "# vary: rate2\n", {"rate": '"3 Hz"'}))
        with self.assertRaises(SystemExit):  # no 'key = value;' before the mark
            fit_ltd.vary('name = "x";\n# vary: rate\n', {"rate": '"3 Hz"'})

    def test_vary_agrees_with_the_suites_files(self):
        for pid, (fname, settings) in fit_ltd.PROTOCOLS.items():
            with open(os.path.join(fit_ltd.VALIDATION, fname)) as f:
                text = f.read()
            out = fit_ltd.vary(text, settings)
            for value in settings.values():
                self.assertIn("= " + value + ";", out, pid)

    def test_with_seed_replaces_the_top_level_seed(self):
        out = fit_ltd.with_seed(EXPERIMENT, 7)
        self.assertIn("\nseed = 7;\n", out)
        self.assertNotIn("\nseed = 1;\n", out)
        self.assertIn("seed = 9;", out)  # the comment is left alone
        self.assertEqual(fit_ltd.with_seed(EXPERIMENT, None), EXPERIMENT)

    def test_with_seed_needs_a_seed_line(self):
        with self.assertRaises(SystemExit):
            fit_ltd.with_seed("name = \"x\";\n", 3)

    def test_file_param_keys_and_release_mode(self):
        self.assertEqual(fit_ltd.file_param_keys(EXPERIMENT),
                         {"calcium.ca_o", "nmda.mg_o", "release.mode", "release.n_sites"})
        self.assertEqual(fit_ltd.file_param_keys("name = \"x\";\n"), set())
        self.assertEqual(fit_ltd.file_release_mode(EXPERIMENT), "mean_field")
        self.assertIsNone(fit_ltd.file_release_mode("name = \"x\";\n"))


class Objective(unittest.TestCase):
    def test_population_mean_averages_each_readout(self):
        mean = fit_ltd.population_mean([{5.0: 100.0, 60.0: 80.0}, {5.0: 120.0, 60.0: 90.0}])
        self.assertEqual(mean, {5.0: 110.0, 60.0: 85.0})

    def test_population_mean_weights_the_members(self):
        # a member three times the other's head volume carries three quarters of the response
        mean = fit_ltd.population_mean([{60.0: 100.0}, {60.0: 80.0}], [1.0, 3.0])
        self.assertEqual(mean, {60.0: 85.0})

    def test_population_mean_keeps_readouts_every_run_has(self):
        self.assertEqual(fit_ltd.population_mean([{5.0: 100.0, 60.0: 80.0}, {5.0: 120.0}]),
                         {5.0: 110.0})

    def test_population_mean_reports_a_failed_run(self):
        self.assertEqual(fit_ltd.population_mean([{5.0: 1.0}, "run failed: blow-up"]),
                         "run failed: blow-up")

    def test_lognormal_quantiles(self):
        # CV 0.95 (Schikorski & Stevens 1997) gives sigma = sqrt(ln 1.9025) = 0.8022; the median
        # member of an odd count sits at the median, mean / exp(sigma^2 / 2)
        v = fit_ltd.lognormal_quantiles(0.05, 0.95, 5)
        self.assertAlmostEqual(v[2], 0.05 / math.sqrt(1.9025), places=12)
        self.assertEqual(v, sorted(v))
        self.assertAlmostEqual(v[0] * v[4], v[2] ** 2, places=12)  # symmetric in log
        many = fit_ltd.lognormal_quantiles(0.05, 0.95, 4000)
        self.assertAlmostEqual(sum(many) / len(many), 0.05, delta=0.0005)
        for x in fit_ltd.lognormal_quantiles(0.05, 0.0, 3):
            self.assertAlmostEqual(x, 0.05, places=15)

    def test_parse_population(self):
        self.assertIsNone(fit_ltd.parse_population(None))
        self.assertEqual(len(fit_ltd.parse_population("lognormal:0.05:0.95:6")), 6)
        for bad in ("normal:0.05:0.9:6", "lognormal:0.05:0.9", "lognormal:x:0.9:6",
                    "lognormal:-1:0.9:6", "lognormal:0.05:0.9:0", "lognormal:0.05:0.9:1000"):
            with self.assertRaises(SystemExit):
                fit_ltd.parse_population(bad)

    def test_param_table_reads_units_and_defaults(self):
        table = fit_ltd.param_table_from(PARAMS_OUTPUT)
        self.assertEqual(table, {"release.mode": ("choice", "mean_field"),
                                 "camkii.l1": ("uM", "0.1"),
                                 "camkii.k11": ("1/(uM s)", "500")})

    def test_expand_scales_multiplies_defaults(self):
        table = {"camkii.l1": ("uM", "0.1"), "camkii.l2": ("uM", "0.025"),
                 "trafficking.k_rem": ("1/s", "0.00345"),
                 "release.mode": ("choice", "mean_field")}
        out = fit_ltd.expand_scales({"x:camkii.l1+camkii.l2": "2", "trafficking.k_rem": "0.01"},
                                    table)
        self.assertEqual(out, {"camkii.l1": "0.2", "camkii.l2": "0.05",
                               "trafficking.k_rem": "0.01"})
        with self.assertRaises(SystemExit):
            fit_ltd.expand_scales({"x:camkii.l9": "2"}, table)
        with self.assertRaises(SystemExit):
            fit_ltd.expand_scales({"x:release.mode": "2"}, table)
        # a@b: a set to the factor times b's default (a's own default may be 0)
        table["camkii.kinase_l1"] = ("uM", "0")
        out = fit_ltd.expand_scales({"x:camkii.kinase_l1@camkii.l1": "3"}, table)
        self.assertEqual(out, {"camkii.kinase_l1": "0.3"})
        with self.assertRaises(SystemExit):
            fit_ltd.expand_scales({"x:camkii.kinase_l1@camkii.l9": "3"}, table)

    def test_with_unit(self):
        table = {"camkii.l1": ("uM", "0.1"), "release.mode": ("choice", "mean_field"),
                 "trafficking.pp1_threshold": ("1", "0.131")}
        self.assertEqual(fit_ltd.with_unit(table, "camkii.l1", "0.2"), "0.2 uM")
        self.assertEqual(fit_ltd.with_unit(table, "camkii.l1", "0.2nM"), "0.2nM")
        self.assertEqual(fit_ltd.with_unit(table, "release.mode", "stochastic"), "stochastic")
        self.assertEqual(fit_ltd.with_unit(table, "trafficking.pp1_threshold", "0.2"), "0.2")
        with self.assertRaises(SystemExit):
            fit_ltd.with_unit(table, "camkii.nope", "1")

    def test_band_distance(self):
        self.assertEqual(fit_ltd.band_distance(80.0, 75.0, 85.0), 0.0)
        self.assertEqual(fit_ltd.band_distance(70.0, 75.0, 85.0), 5.0)
        self.assertEqual(fit_ltd.band_distance(95.0, -fit_ltd.OPEN, 90.0), 5.0)
        self.assertIsNone(fit_ltd.band_distance(math.nan, 75.0, 85.0))
        self.assertIsNone(fit_ltd.band_distance(None, 75.0, 85.0))


def check(lo, hi, model, passed=False):
    return {"label": "x", "lo": lo, "hi": hi, "model": model, "pass": passed}


class SuiteObjective(unittest.TestCase):
    def test_check_cost_scales_by_the_band(self):
        self.assertEqual(fit_suite.check_cost(check(75, 85, 80, True)), 0.0)
        self.assertAlmostEqual(fit_suite.check_cost(check(75, 85, 90)), 0.25)  # 5 / 10
        self.assertAlmostEqual(fit_suite.check_cost(check(None, 90, 99)), 1.0)  # 9 / 9
        self.assertAlmostEqual(fit_suite.check_cost(check(110, None, 104.5)), 0.25)  # 5.5 / 11
        self.assertEqual(fit_suite.check_cost(check(1, 3, None)), fit_suite.CHECK_CAP)
        self.assertEqual(fit_suite.check_cost(check(1, 3, 1e9)), fit_suite.CHECK_CAP)

    def test_score_counts_failing_cases_and_skips(self):
        doc = {"cases": [
            {"name": "a", "pass": True, "checks": [check(0, 1, 0.5, True)]},
            {"name": "b", "pass": False, "checks": [check(75, 85, 90), check(0, 1, 0.5, True)]},
            {"name": "c", "pass": False, "checks": [check(1, 3, None)]}]}
        total, passing, costs, misses = fit_suite.score(doc)
        self.assertEqual(passing, 1)
        self.assertAlmostEqual(total, 1.25 + 1.0 + fit_suite.CHECK_CAP)
        self.assertEqual(sorted(costs), ["b", "c"])
        self.assertEqual(len(misses), 2)
        total, passing, costs, _ = fit_suite.score(doc, skip={"c"})
        self.assertAlmostEqual(total, 1.25)
        self.assertEqual(list(costs), ["b"])
        # a heavier failing case: the passing count comes first, the distances second
        total, passing, costs, _ = fit_suite.score(doc, case_weight=100.0)
        self.assertAlmostEqual(total, 0.25 + 100.0 + 100.0 + fit_suite.CHECK_CAP)
        self.assertAlmostEqual(costs["b"], 100.25)
        self.assertIn("100 if the case fails", fit_suite.objective_text(100.0))

    def test_start_point(self):
        free = [fit_ltd.parse_free("a.b=1:100:log"), fit_ltd.parse_free("c.d=0:1")]
        start = fit_ltd.start_point(free, {"c.d": "0.2"})
        self.assertAlmostEqual(start[0], 10.0)  # the middle of the log range
        self.assertEqual(start[1], 0.2)


class Protocols(unittest.TestCase):
    def test_every_target_names_a_protocol_with_its_file(self):
        for label, pid, _, lo, hi, w in fit_ltd.TARGETS:
            self.assertIn(pid, fit_ltd.PROTOCOLS, label)
            self.assertLess(lo, hi, label)
            self.assertGreater(w, 0, label)
            fname = fit_ltd.PROTOCOLS[pid][0]
            self.assertTrue(os.path.isfile(os.path.join(fit_ltd.VALIDATION, fname)), fname)

    def test_induction_is_read_from_the_protocol(self):
        expected = {"frc_1Hz": (900, 1.0), "frc_5Hz": (900, 0.2), "frc_50Hz": (900, 0.02),
                    "stdp_-10ms": (60, 1.0), "vc_-70mV": (200, 0.5)}
        for pid, (count, period) in expected.items():
            fname, settings = fit_ltd.PROTOCOLS[pid]
            with open(os.path.join(fit_ltd.VALIDATION, fname)) as f:
                got = ltd_drive.induction(fit_ltd.vary(f.read(), settings))
            self.assertEqual(got[0], count, pid)
            self.assertAlmostEqual(got[1], period, msg=pid)
        with self.assertRaises(SystemExit):
            ltd_drive.induction('stimuli = ( { type = "tetanus"; pulses = 100; } );')

    def test_per_period_integrates_the_excess_over_periods(self):
        rows = [{"t_ms": t, "x": x} for t, x in ((0, 1.0), (2, 3.0), (3, 0.5), (7, 1.0))]
        # held values: 1 for 2 ms, 3 for 1 ms, 0.5 for 4 ms (the last row ends the trace)
        self.assertAlmostEqual(ltd_drive.per_period(rows, "x", 1), 2 + 3 + 2)
        self.assertAlmostEqual(ltd_drive.per_period(rows, "x", 2), 3.5)
        # above 1: only the 3 counts, and nothing goes negative
        self.assertAlmostEqual(ltd_drive.per_period(rows, "x", 1, above=1.0), 2.0)
        self.assertEqual(ltd_drive.per_period(rows[:1], "x", 1), 0.0)

    def test_by_prefix_selects_rows_by_one_field(self):
        rows = [("FRC 1 Hz", "frc_1Hz"), ("VC -60 mV", "vc_-60mV"), ("STDP -10 ms", "stdp_-10ms")]
        self.assertEqual(fit_ltd.by_prefix(rows, "frc_,vc_", 1), rows[:2])
        self.assertEqual(fit_ltd.by_prefix(rows, "STDP", 0), rows[2:])
        self.assertEqual(fit_ltd.by_prefix(rows, None, 1), rows)
        self.assertEqual(fit_ltd.by_prefix(rows, "", 1), rows)
        self.assertEqual(fit_ltd.by_prefix(rows, "x_", 1), [])

    def test_first_period_keeps_the_window_inside_the_induction(self):
        self.assertEqual(ltd_drive.first_period(10, 900), 10)
        self.assertEqual(ltd_drive.first_period(150, 900), 150)
        # 60 pairings: a later request measures the last PERIODS of them
        self.assertEqual(ltd_drive.first_period(150, 60), 60 - ltd_drive.PERIODS)
        self.assertEqual(ltd_drive.first_period(10, 2), 0)

    def test_extra_targets_are_suite_checks_outside_the_fit(self):
        fit_pids = {t[1] for t in fit_ltd.TARGETS}
        for label, pid, after, lo, hi in ltd_drive.EXTRA_TARGETS:
            self.assertIn(pid, fit_ltd.PROTOCOLS, label)
            self.assertNotIn(pid, fit_pids, label)
            self.assertLess(lo, hi, label)

    def test_traced_replaces_the_trace_window(self):
        out = ltd_drive.traced('name = "x";\ntraces = { interval = "1 ms"; };\n', 10.0, 12.5, 0.1)
        self.assertNotIn('interval = "1 ms"', out)
        self.assertIn('traces = { interval = "0.1 ms"; from = "10 s"; to = "12.5 s"; };', out)


class CamEquivalence(unittest.TestCase):
    def test_ca4cam_fraction(self):
        gb = cam_equivalent_ca.GB2007_L_UM
        self.assertEqual(cam_equivalent_ca.ca4cam_fraction(0.0, gb), 0.0)
        # c = L for all four sites: 1 / (1 + 1 + 1 + 1 + 1)
        self.assertAlmostEqual(cam_equivalent_ca.ca4cam_fraction(1.0, (1, 1, 1, 1)), 0.2)
        fractions = [cam_equivalent_ca.ca4cam_fraction(c, gb) for c in (0.05, 0.1, 0.5, 5)]
        self.assertEqual(fractions, sorted(fractions))

    def test_equivalent_ca_inverts_the_fraction(self):
        for ca in (0.07, 0.374):
            eq = cam_equivalent_ca.equivalent_ca_uM(ca)
            self.assertGreater(eq, ca)  # free CaM is the less sensitive
            self.assertAlmostEqual(
                cam_equivalent_ca.ca4cam_fraction(eq, cam_equivalent_ca.FREE_CAM_L_UM),
                cam_equivalent_ca.ca4cam_fraction(ca, cam_equivalent_ca.GB2007_L_UM), places=9)
        self.assertAlmostEqual(cam_equivalent_ca.equivalent_ca_uM(0.3, (1, 1, 1, 1),
                                                                  (1, 1, 1, 1)), 0.3, places=6)


class Mixture(unittest.TestCase):
    def test_members_grids_and_shares_parse(self):
        self.assertEqual(mixture_bound.parse_member("a.b=1; c.d=2 um3;"),
                         {"a.b": "1", "c.d": "2 um3"})
        self.assertEqual(mixture_bound.parse_member(""), {})
        with self.assertRaises(SystemExit):
            mixture_bound.parse_member("a.b")
        grid = mixture_bound.grid_members(["a.b=0,1", "c.d=5,6,7"])
        self.assertEqual(len(grid), 6)
        self.assertIn({"a.b": "1", "c.d": "6"}, grid)
        self.assertEqual(mixture_bound.parse_share("late.start_high=1:0.25"),
                         ("late.start_high", "1", 0.25))
        for bad in ("late.start_high=1", "x=1:1.5", "x:0.5"):
            with self.assertRaises(SystemExit):
                mixture_bound.parse_share(bad)

    def test_member_checks_leave_out_excluded_labels(self):
        doc = {"cases": [{"name": "field_ltp", "checks": [
            {"label": "PTP: largest", "lo": 200, "hi": 300, "model": 250.0},
            {"label": "LTP at 60 min", "lo": 130, "hi": None, "model": 143.0}]}]}
        self.assertEqual(mixture_bound.member_checks(doc, ["PTP"]),
                         [("field_ltp: LTP at 60 min", 130, None, 143.0)])

    def test_best_mixture_meets_a_band_between_two_members(self):
        t, u = mixture_bound.best_mixture([[80.0], [120.0]], [(99.0, 101.0)])
        self.assertAlmostEqual(t, 0.0, places=6)
        self.assertTrue(99.0 - 1e-6 <= 80.0 * u[0] + 120.0 * u[1] <= 101.0 + 1e-6)
        self.assertAlmostEqual(sum(u), 1.0, places=6)

    def test_best_mixture_reports_the_least_miss(self):
        # a band above every member: all weight on the largest, miss = 130 - 120
        t, u = mixture_bound.best_mixture([[80.0], [120.0]], [(130.0, 140.0)])
        self.assertAlmostEqual(t, 10.0, places=6)
        self.assertAlmostEqual(u[1], 1.0, places=6)
        # two checks pulling apart: member values (80, 80) and (120, 120), bands <= 90 and
        # >= 110 on the same mixture: the best split misses both by 10
        t, _ = mixture_bound.best_mixture([[80.0, 80.0], [120.0, 120.0]],
                                          [(None, 90.0), (110.0, None)])
        self.assertAlmostEqual(t, 10.0, places=6)

    def test_describe_gives_the_mixture_of_each_check(self):
        checks = [(99.0, 101.0, [80.0, 120.0]), (None, 95.0, [90.0, 100.0])]
        out = mixture_bound.describe((0.0, [0.5, 0.5]), [{"a": "1"}, {"a": "2"}], checks,
                                     ["c: x", "c: y"])
        self.assertEqual([m["value"] for m in out["mixture"]], [100.0, 95.0])
        self.assertEqual(len(out["shares"]), 2)
        self.assertEqual(mixture_bound.describe((None, None), [], [], []),
                         {"feasible_shares": False})

    def test_validate_report_names_a_missing_binary(self):
        self.assertEqual(fit_suite.validate_report("/nonexistent/ltpsim", 1, {}, only="x"),
                         (None, "cannot run /nonexistent/ltpsim"))

    def test_measured_rereads_a_subset_of_an_earlier_output(self):
        import json
        import tempfile
        doc = {"cases": ["a", "b"], "members": [{"overrides": {"x.y": "1"}, "checks": [
            {"check": "a: PTP", "lo": 200, "hi": 300, "model": 250.0},
            {"check": "a: LTP", "lo": 130, "hi": 180, "model": 140.0},
            {"check": "b: 1 Hz", "lo": 75, "hi": 85, "model": 80.0}]}]}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(doc, f)
        try:
            members, rows = mixture_bound.measured(f.name, ["a"], ["PTP"])
            self.assertEqual(members, [{"x.y": "1"}])
            self.assertEqual(rows, [[("a: LTP", 130, 180, 140.0)]])
            with self.assertRaises(SystemExit):
                mixture_bound.measured(f.name, ["c"], [])
        finally:
            os.unlink(f.name)

    def test_given_population_weights(self):
        self.assertEqual(mixture_bound.parse_weight("a.b=1;c.d=2@0.5"),
                         ({"a.b": "1", "c.d": "2"}, 0.5))
        for bad in ("a.b=1", "a.b=1@0", "a.b=1@-2", "a.b=1@x"):
            with self.assertRaises(SystemExit):
                mixture_bound.parse_weight(bad)
        members = [{"a": "1"}, {"a": "2"}, {"a": "3"}]
        self.assertEqual(mixture_bound.fixed_shares(members, [({"a": "1"}, 3.0),
                                                              ({"a": "3"}, 1.0)]),
                         [0.75, 0.0, 0.25])
        with self.assertRaises(SystemExit):
            mixture_bound.fixed_shares(members, [({"a": "9"}, 1.0)])
        # 3:1 of 80 and 120 is 90: inside [85, 95], 5 above [70, 85], 10 below [100, inf)
        members_80_120 = [80.0, 120.0]
        self.assertAlmostEqual(
            mixture_bound.largest_miss([(85.0, 95.0, members_80_120)] * 3, [0.75, 0.25]), 0.0)
        self.assertAlmostEqual(
            mixture_bound.largest_miss([(85.0, 95.0, members_80_120),
                                        (70.0, 85.0, members_80_120),
                                        (100.0, None, members_80_120)], [0.75, 0.25]), 10.0)

    def test_best_mixture_honours_fixed_shares(self):
        t, u = mixture_bound.best_mixture([[80.0], [120.0]], [(99.0, 101.0)],
                                          [([False, True], 0.25)])
        self.assertAlmostEqual(u[1], 0.25, places=6)
        self.assertAlmostEqual(t, 99.0 - 90.0, places=6)
        self.assertEqual(mixture_bound.best_mixture([[80.0]], [(0, 200)], [([True], 0.5)]),
                         (None, None))


if __name__ == "__main__":
    unittest.main(verbosity=1)
