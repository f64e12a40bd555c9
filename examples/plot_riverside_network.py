"""
The riverside community as a network
=====================================

:func:`selfhelp_exchange.plot.draw_network` keeps the two sides apart: agencies on the left, each
with its board, practitioner and client subunits, self-help groups on the right, community actors
apart. Colouring by theory shows at a glance which ties are adaptational (day-to-day exchange with
a subunit) and which are institutional (joint initiatives).
"""

import matplotlib.pyplot as plt

import selfhelp_exchange as shx

net = shx.load_example("riverside")

fig, ax = plt.subplots(figsize=(9, 7), layout="constrained")
shx.plot.draw_network(net, ax=ax, color_by="theory")
ax.set_title("Riverside: adaptational and institutional exchange")

# %%
# Colouring by kind instead separates the exchange kinds of the catalogue; leaving the
# initiatives out shows the adaptational layer alone.
fig, ax = plt.subplots(figsize=(9, 7), layout="constrained")
shx.plot.draw_network(net, ax=ax, color_by="kind", include_initiatives=False)
ax.set_title("Riverside: the adaptational exchanges by kind")

# %%
# Colouring by subunit (the report's figure) groups the exchanges by the board, practitioner
# or client unit they touch: three colours, apart from the agencies' own colours, which are the
# same as in the scorecard profile and the timeline.
fig, ax = plt.subplots(figsize=(9, 7), layout="constrained")
shx.plot.draw_network(net, ax=ax, color_by="subunit")
ax.set_title("Riverside: exchanges by the subunit they touch")
