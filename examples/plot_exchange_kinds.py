"""
What flows through each subunit
===============================

Count the exchanges of the riverside community by kind, grouped by the agency subunit each kind
touches (board, practitioners, clients). The counts come straight from the network's columnar
arrays with :func:`numpy.bincount`, without a loop over exchanges.
"""

import matplotlib.pyplot as plt
import numpy as np

import selfhelp_exchange as shx

net = shx.load_example("riverside")

# one count per catalogue kind, in catalogue order (kind codes are 0, 1, 2, ...)
kinds = [k for k in shx.ExchangeKind if k.role is not None]
counts = np.bincount(net.arrays.kind, minlength=len(shx.ExchangeKind))

colours = {
    shx.Role.BOARD: "tab:blue",
    shx.Role.PRACTITIONERS: "tab:orange",
    shx.Role.CLIENTS: "tab:green",
}
fig, ax = plt.subplots(figsize=(7, 4.5), layout="constrained")
y = np.arange(len(kinds))[::-1]
ax.barh(y, [counts[k.code] for k in kinds], color=[colours[k.role] for k in kinds])
ax.set_yticks(y, [k.value.replace("_", " ") for k in kinds])
ax.set_xlabel("number of exchanges")
ax.set_title("Riverside: exchanges by kind and subunit")
for role, colour in colours.items():
    ax.bar(0, 0, color=colour, label=role.value)  # legend entries only
ax.legend(title="subunit", loc="lower right")

# %%
# Joint initiatives are not drawn: they are the institutional lens and live in
# ``net.initiatives``, from which the ``joint_initiative`` ties are derived.
print(
    f"{len(net.initiatives)} initiatives, "
    f"{len(net.joint_initiative_pairs()[0])} agency-group co-sponsorships"
)
