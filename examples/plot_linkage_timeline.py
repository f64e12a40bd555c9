"""
Linkage over time
=================

:func:`selfhelp_exchange.plot.linkage_timeline` measures each agency's mean adaptational
linkage index in each period (an exchange counts in every period its dates overlap; an undated
one in all of them), one line per agency.
"""

import matplotlib.pyplot as plt

import selfhelp_exchange as shx

net = shx.load_example("riverside")

fig, ax = plt.subplots(figsize=(9, 4), layout="constrained")
shx.plot.linkage_timeline(net, freq="quarter", ax=ax)
