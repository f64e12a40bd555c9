"""
Groups on the relational-therapeutic continuum
==============================================

:func:`selfhelp_exchange.plot.continuum_strip` places each group at its professional involvement
index: the mean of its meeting place, admission, timing and facilitation scores, from 0 (the
relational end) to 1 (the therapeutic end). Hollow points are groups with dimensions unknown.
"""

import matplotlib.pyplot as plt

import selfhelp_exchange as shx

net = shx.load_example("riverside")

fig, ax = plt.subplots(figsize=(9, 4), layout="constrained")
shx.plot.continuum_strip(net, ax=ax)
