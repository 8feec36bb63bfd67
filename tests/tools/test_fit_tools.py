#!/usr/bin/env python3
"""Unit tests of the pure helpers of the fitting and diagnostic scripts (tools/fit_ltd.py,
tools/ltd_drive.py): the suite's `# vary:` substitution, seeds, the mean over seeds, scale
factors on defaults, band distances. They run no simulation. Usage: test_fit_tools.py ROOT."""
import math
import os
import sys
import unittest

ROOT = sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "tools"))
import fit_ltd  # noqa: E402
import ltd_drive  # noqa: E402

EXPERIMENT = """# a comment naming seed = 9; and # vary: rate
name = "x";
seed = 1;
params = {
  calcium = { ca_o = "2.5 mM"; };
  nmda = { mg_o = "1.5 mM"; };
};
stimuli = (
  { type = "lfs"; pathway = 1; at = "20 min"; pulses = 900;
    rate = "1 Hz"; }   # vary: rate
);
"""


class VaryAndSeed(unittest.TestCase):
    def test_vary_replaces_the_marked_value_only(self):
        out = fit_ltd.vary(EXPERIMENT, {"rate": '"50 Hz"'})
        self.assertIn('rate = "50 Hz"; }   # vary: rate', out)
        self.assertIn("# a comment naming seed = 9; and # vary: rate", out)
        self.assertEqual(out.count("50 Hz"), 1)

    def test_vary_needs_a_unique_marked_line(self):
        with self.assertRaises(SystemExit):
            fit_ltd.vary(EXPERIMENT, {"delay": '"10 ms"'})

    def test_with_seed_replaces_the_top_level_seed(self):
        out = fit_ltd.with_seed(EXPERIMENT, 7)
        self.assertIn("\nseed = 7;\n", out)
        self.assertNotIn("\nseed = 1;\n", out)
        self.assertIn("seed = 9;", out)  # the comment is left alone
        self.assertEqual(fit_ltd.with_seed(EXPERIMENT, None), EXPERIMENT)

    def test_with_seed_needs_a_seed_line(self):
        with self.assertRaises(SystemExit):
            fit_ltd.with_seed("name = \"x\";\n", 3)

    def test_file_param_keys(self):
        self.assertEqual(fit_ltd.file_param_keys(EXPERIMENT), {"calcium.ca_o", "nmda.mg_o"})
        self.assertEqual(fit_ltd.file_param_keys("name = \"x\";\n"), set())


class Objective(unittest.TestCase):
    def test_seed_mean_averages_each_readout(self):
        mean = fit_ltd.seed_mean([{5.0: 100.0, 60.0: 80.0}, {5.0: 120.0, 60.0: 90.0}])
        self.assertEqual(mean, {5.0: 110.0, 60.0: 85.0})

    def test_seed_mean_keeps_readouts_every_seed_has(self):
        self.assertEqual(fit_ltd.seed_mean([{5.0: 100.0, 60.0: 80.0}, {5.0: 120.0}]),
                         {5.0: 110.0})

    def test_seed_mean_reports_a_failed_run(self):
        self.assertEqual(fit_ltd.seed_mean([{5.0: 1.0}, "run failed: blow-up"]),
                         "run failed: blow-up")

    def test_expand_scales_multiplies_defaults(self):
        table = {"camkii.l1": ("uM", "0.1"), "camkii.l2": ("uM", "0.025"),
                 "trafficking.k_rem": ("1/s", "0.00345")}
        out = fit_ltd.expand_scales({"x:camkii.l1+camkii.l2": "2", "trafficking.k_rem": "0.01"},
                                    table)
        self.assertEqual(out, {"camkii.l1": "0.2", "camkii.l2": "0.05",
                               "trafficking.k_rem": "0.01"})
        with self.assertRaises(SystemExit):
            fit_ltd.expand_scales({"x:camkii.l9": "2"}, table)

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


class Protocols(unittest.TestCase):
    def test_every_target_names_a_protocol_with_its_file(self):
        for label, pid, _, lo, hi, w in fit_ltd.TARGETS:
            self.assertIn(pid, fit_ltd.PROTOCOLS, label)
            self.assertLess(lo, hi, label)
            self.assertGreater(w, 0, label)
            fname = fit_ltd.PROTOCOLS[pid][0]
            self.assertTrue(os.path.isfile(os.path.join(fit_ltd.VALIDATION, fname)), fname)

    def test_induction_periods_and_lengths(self):
        self.assertAlmostEqual(ltd_drive.period_s("frequency_response.exp", {"rate": '"5 Hz"'}), 0.2)
        self.assertAlmostEqual(ltd_drive.induction_s("frequency_response.exp", {"rate": '"3 Hz"'}),
                         300.0)
        self.assertAlmostEqual(ltd_drive.induction_s("stdp.exp", {"delay": '"-10 ms"'}), 60.0)
        self.assertAlmostEqual(ltd_drive.induction_s("vc_pairing.exp", {"hold": '"-70 mV"'}), 100.0)

    def test_traced_replaces_the_trace_window(self):
        out = ltd_drive.traced('name = "x";\ntraces = { interval = "1 ms"; };\n', 10.0, 12.5, 0.1)
        self.assertNotIn('interval = "1 ms"', out)
        self.assertIn('traces = { interval = "0.1 ms"; from = "10 s"; to = "12.5 s"; };', out)


if __name__ == "__main__":
    unittest.main(verbosity=1)
