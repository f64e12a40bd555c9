"""
Personal networks in a Recovery Learning Community
==================================================

:func:`selfhelp_exchange.plot.ego_network` draws one person's network (the ego at the centre,
alters coloured by relation, alters who know each other joined), here at baseline and a year
later; :func:`selfhelp_exchange.plot.composition_bars` the mean composition of everyone's
network by wave; :func:`selfhelp_exchange.plot.integration_change` the mean change in alters
beyond treatment staff and family, with bootstrap intervals, for RLC participants and others.
The data are synthetic (:func:`selfhelp_exchange.load_personal_networks_example`).
"""

import matplotlib.pyplot as plt

import selfhelp_exchange as shx

pn = shx.load_personal_networks_example()
m = shx.social_integration(pn)
change = shx.social_integration_change(
    m, "baseline", "12 months", by="rlc_participant", n_boot=2000, seed=2014
)

fig, axes = plt.subplots(2, 2, figsize=(11, 8), layout="constrained")
shx.plot.ego_network(pn, "E003", "baseline", ax=axes[0, 0])
shx.plot.ego_network(pn, "E003", "12 months", ax=axes[0, 1])
shx.plot.composition_bars(m, ax=axes[1, 0])
shx.plot.integration_change(change, "beyond", ax=axes[1, 1])
