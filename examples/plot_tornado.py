"""
Which published figures and assumptions move the answer most?
=============================================================

:func:`selfhelp_exchange.simulate.tornado` by default moves each *input* the cascade's
parameters are computed from (the trials' published figures and this library's assumptions,
see :func:`selfhelp_exchange.simulate.parameter_sources`) to the 2.5th and 97.5th percentiles of
its documented distribution, one at a time, derives the parameters again and reruns the
simulation. A published figure's distribution comes from its sample size, an assumption's from
its stated range, so the bars show uncertainty, not just leverage. The inputs at the top are the
ones to replace with local data first.

The network is the fictional *riverside* community, under facilitated referral; the outcome is
clients going to a first meeting during their treatment episode.
"""

import matplotlib.pyplot as plt

import selfhelp_exchange as shx

net = shx.load_example("riverside")
table = shx.simulate.tornado(net, stage="first_meeting", clients_per_agency=200, seed=7, n_runs=20)
print(table[["parameter", "low_value", "high_value", "swing"]].head(6).round(2))

fig, ax = plt.subplots(figsize=(7, 6), layout="constrained")
shx.simulate.plot_tornado(table, ax=ax)
ax.set_title("Clients at a first meeting: one input at a time")

# %%
# The same question with every input drawn at once, run by run
# (``parameter_uncertainty=True``): the interval now combines the parameters' uncertainty
# with chance. This is what the evaluator's report shows
# (:func:`selfhelp_exchange.simulate.access_interval`).
t = shx.simulate.access_interval(net, n_runs=100, seed=7)
print(t[t["agency_id"] == "(all)"][["strategy", "text", "gain", "gain_low", "gain_high"]])
