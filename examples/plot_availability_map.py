"""
Which meetings can an agency's clients reach?
=============================================

:func:`selfhelp_exchange.plot.availability_map` draws the places where groups meet, coloured by
approach (twelve-step or not), with a circle of reach around each agency. Public Health England's
(2013) self-assessment tool helps local partnerships understand the availability of mutual aid
and identify gaps; this map shows both for one place.

The groups come from a real Meeting Guide feed bundled with the library: 45 weekly AA meetings
in the Quinte region of Ontario (listings from 2015-2017). The three agencies are **made up**
for the example, placed in the town centres of Belleville, Trenton and Picton.
"""

from importlib import resources

import matplotlib.pyplot as plt
import pandas as pd

import selfhelp_exchange as shx

feed_file = resources.files("selfhelp_exchange.datasets") / "meeting_guide" / "quinte-ontario.json"
feed = shx.read_meeting_guide(feed_file.read_text(encoding="utf-8"), fellowship="AA")
print(feed, "\n")

agencies = [
    shx.Agency(
        "A-BEL",
        "Belleville counselling",
        sector="substance_use",
        location={"city": "Belleville", "latitude": 44.1628, "longitude": -77.3832},
    ),
    shx.Agency(
        "A-TRE",
        "Trenton community health",
        sector="co_occurring",
        location={"city": "Trenton", "latitude": 44.1017, "longitude": -77.5766},
    ),
    shx.Agency(
        "A-PIC",
        "Picton outreach clinic",
        sector="mental_health",
        location={"city": "Picton", "latitude": 44.0008, "longitude": -77.1395},
    ),
]
net = shx.ExchangeNetwork(agencies=agencies, groups=feed.groups)

fig, ax = plt.subplots(figsize=(8, 6.5), layout="constrained")
shx.plot.availability_map(net, radius_m=10000, ax=ax)
ax.set_title("AA groups within 10 km of three (fictional) agencies, Quinte region")

# %%
# The numbers behind the map come from :func:`selfhelp_exchange.availability`, one row per
# agency. A feed of one fellowship lists twelve-step meetings only, so every agency shows the
# gap "no non-12-step option": add the other fellowships' lists (SMART Recovery, Women for
# Sobriety, ...) before drawing conclusions about choice.
table = shx.availability(net, radius_m=10000)
with pd.option_context("display.width", 120):
    print(table[["groups_within", "meetings_within", "weekday_evening_meetings"]])
print()
for agency_id, gaps in table["gaps"].items():
    print(f"{agency_id}: {gaps}")

# %%
# Reach can be a travel time instead of a distance: 30 minutes at the default straight-line
# speed of 30 km/h (this library's convention; set ``speed_kmh`` from local travel data) is a
# 15 km circle.
fig, ax = plt.subplots(figsize=(8, 6.5), layout="constrained")
shx.plot.availability_map(net, travel_minutes=30, ax=ax)
ax.set_title("Within 30 minutes' travel")
