"""
Linkage between agencies and groups
===================================

:func:`selfhelp_exchange.plot.linkage_heatmap` puts agencies in rows and groups in columns and
colours each cell by the adaptational linkage index of that pair (empty where they are not
linked). With ``by_role=True`` each agency gets a row per subunit, so a board that reaches no
group shows as an empty row.
"""

import matplotlib.pyplot as plt

import selfhelp_exchange as shx

net = shx.load_example("riverside")

fig, ax = plt.subplots(figsize=(10, 4), layout="constrained")
shx.plot.linkage_heatmap(net, ax=ax)

# %%
# Per subunit: where in each agency the links live.
fig, ax = plt.subplots(figsize=(10, 6), layout="constrained")
shx.plot.linkage_heatmap(net, by_role=True, value="coverage", ax=ax)

# %%
# Counts of clients are people: counts from 1 to 10 are hidden (hatched, marked ``*``), with
# enough other cells that they cannot be worked out from the totals.
fig, ax = plt.subplots(figsize=(10, 4), layout="constrained")
shx.plot.linkage_heatmap(net, value="clients", ax=ax)
