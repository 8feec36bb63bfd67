#!/usr/bin/env python3
"""At which Ca2+ does free CaM hold as much Ca4CaM as GB2007's CaM does at a given Ca2+?

Both at equilibrium in Graupner & Brunel 2007's sequential-binding form: the Ca4CaM fraction
of CaM is (c^4 / (L1 L2 L3 L4)) / sum_k (c^k / (L1 ... Lk)), the form of
`camkii_cam_ca4_uM` (src/mech/camkii.c) divided by the total CaM, written here for any set of
constants. GB2007's constants (0.1, 0.025, 0.32, 0.40 uM, Linse et al. 1991) times the
spine's Ca2+ scale 21/13 are ltpsim's defaults (`camkii.l1`-`l4`, src/mech/ca_scale.h), so on the
model's Ca2+ scale every Ca2+ below is 21/13 times as large; free CaM's are the
lobe constants of Pepke et al. 2010 (SCIENCE.md 1f: C-lobe k_off/k_on 50/5 and 10/10, N-lobe
2000/100 and 500/200, i.e. 10, 1, 20, 2.5 uM). No CaM trapping and no CaMKII-bound affinities:
a measure of how far apart the two CaMs put the same signalling thresholds (docs/model.md,
Known limits).

Usage: python3 tools/cam_equivalent_ca.py [CA_uM ...]   (default: rest, GB2007's thresholds)
"""
import sys

GB2007_L_UM = (0.1, 0.025, 0.32, 0.40)
FREE_CAM_L_UM = (50 / 5, 10 / 10, 2000 / 100, 500 / 200)


def ca4cam_fraction(ca_uM, l_uM):
    """Fraction of CaM with four Ca2+ bound at equilibrium."""
    terms, product = [1.0], 1.0
    for l in l_uM:
        product *= ca_uM / l
        terms.append(product)
    return terms[-1] / sum(terms)


def equivalent_ca_uM(ca_uM, from_l=GB2007_L_UM, to_l=FREE_CAM_L_UM):
    """The Ca2+ at which to_l's CaM holds the Ca4CaM fraction from_l's holds at ca_uM
    (bisection on a log scale; the fraction grows monotonically with Ca2+)."""
    target = ca4cam_fraction(ca_uM, from_l)
    lo, hi = 1e-6, 1e6
    for _ in range(200):
        mid = (lo * hi) ** 0.5
        lo, hi = (mid, hi) if ca4cam_fraction(mid, to_l) < target else (lo, mid)
    return (lo * hi) ** 0.5


def main():
    # resting Ca2+ (calcium.ca_rest) and GB2007's saddle-nodes (camkii_bistability case)
    cas = [float(a) for a in sys.argv[1:]] or [0.07, 0.09, 0.22, 0.374]
    print(f"{'Ca2+ (uM)':>10}{'GB2007 Ca4CaM':>15}{'free CaM, same Ca2+':>21}"
          f"{'free CaM needs (uM)':>21}")
    for ca in cas:
        print(f"{ca:>10g}{ca4cam_fraction(ca, GB2007_L_UM):>15.4g}"
              f"{ca4cam_fraction(ca, FREE_CAM_L_UM):>21.3g}{equivalent_ca_uM(ca):>21.3g}")


if __name__ == "__main__":
    main()
