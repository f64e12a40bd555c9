"""
How much does one assumption matter?
====================================

:func:`selfhelp_exchange.simulate.plot_sensitivity` draws a one-way sensitivity curve: the mean
number of clients reaching a stage as one cascade parameter varies, with its 95% band over runs.
Every value runs with the same seed, so the curve is smooth in the parameter.

``facilitated_engaged`` (attending at least weekly, given a first meeting, under facilitation)
is calibrated to Timko & DeBenedetti (2007) only through an assumed share of their outpatients
reaching a first meeting, so it is among the less certain steps. The dotted line marks the
default.
"""

import matplotlib.pyplot as plt
import numpy as np

import selfhelp_exchange as shx

net = shx.load_example("riverside")
sweep = shx.simulate.sensitivity(
    net,
    "facilitated_engaged",
    np.linspace(0.5, 0.95, 10),
    stage="engaged",
    clients_per_agency=200,
    seed=7,
    n_runs=30,
)

fig, ax = plt.subplots(figsize=(6.5, 4), layout="constrained")
shx.simulate.plot_sensitivity(sweep, ax=ax)
ax.axvline(shx.simulate.CascadeParameters().facilitated_engaged, color="grey", linestyle=":")
ax.set_title("Clients engaged, all riverside agencies (facilitated referral)")
