"""
Which assumptions move the answer most?
=======================================

:func:`selfhelp_exchange.simulate.plot_tornado` ranks the cascade's parameters by how far the
outcome swings when each moves, one at a time, from a low to a high value (by default its
default value minus and plus 0.1), the others held at their defaults. The parameters at the top
are the ones to check against local data first.

The network is the fictional *riverside* community, under facilitated referral.
"""

import matplotlib.pyplot as plt

import selfhelp_exchange as shx

net = shx.load_example("riverside")
table = shx.simulate.tornado(net, stage="engaged", clients_per_agency=200, seed=7, n_runs=20)
print(table[["parameter", "low_value", "high_value", "swing"]].head(6).round(2))

fig, ax = plt.subplots(figsize=(7, 6), layout="constrained")
shx.simulate.plot_tornado(table, ax=ax)
ax.set_title("Clients engaged: one parameter at a time")
