"""
Agency scorecards side by side
==============================

:func:`selfhelp_exchange.plot.scorecard_profile` draws each agency's scorecard components on a
common 0-1 scale, so agencies can be compared component by component: where one is strong on
day-to-day exchange but does no joint public work, it shows.
"""

import matplotlib.pyplot as plt

import selfhelp_exchange as shx

net = shx.load_example("riverside")

fig, ax = plt.subplots(figsize=(9, 4), layout="constrained")
shx.plot.scorecard_profile(net, ax=ax)
