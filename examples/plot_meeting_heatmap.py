"""
When do the meetings meet?
==========================

:func:`selfhelp_exchange.plot.meeting_heatmap` counts weekly meetings by weekday and start hour.
Evening and weekend meetings matter to clients who work or study during the day; a grid shows at
once where the week is empty.

The meetings are the real Meeting Guide feed bundled with the library: AA in the Quinte region
of Ontario (listings from 2015-2017).
"""

from importlib import resources

import matplotlib.pyplot as plt

import selfhelp_exchange as shx

feed_file = resources.files("selfhelp_exchange.datasets") / "meeting_guide" / "quinte-ontario.json"
feed = shx.read_meeting_guide(feed_file.read_text(encoding="utf-8"), fellowship="AA")

fig, ax = plt.subplots(figsize=(9, 3.8), layout="constrained")
shx.plot.meeting_heatmap(feed, ax=ax)

# %%
# Around one agency only: give a network and the agency's id, and only meetings within
# ``radius_m`` of it count. The agency here is made up, placed in central Belleville.
agency = shx.Agency(
    "A-BEL",
    "Belleville counselling",
    location={"city": "Belleville", "latitude": 44.1628, "longitude": -77.3832},
)
net = shx.ExchangeNetwork(agencies=[agency], groups=feed.groups)
fig, ax = plt.subplots(figsize=(9, 3.8), layout="constrained")
shx.plot.meeting_heatmap(net, agency="A-BEL", radius_m=5000, ax=ax, cmap="Greens")
