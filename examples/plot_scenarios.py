"""
What if? Comparing scenarios
============================

:func:`selfhelp_exchange.simulate.plot_scenarios` shows how many more (or fewer) simulated
clients reach a stage in each scenario than in the baseline, with the 95% interval of the
run-by-run differences.

Two changes to the fictional *riverside* community: the hospital's practitioners adopt
facilitated introductions, and Harbor Recovery, which works only with twelve-step groups, hosts
a SMART Recovery meeting. Hosting a non-twelve-step meeting helps only clients who want one; the
share who do (0.2 here) is an **illustration**, not a published figure.
"""

import matplotlib.pyplot as plt

import selfhelp_exchange as shx

net = shx.load_example("riverside")
adopt = shx.simulate.adopt_facilitation(net, "A-RGH")
host = shx.simulate.host_meeting(net, "A-HRT", "G-SMART")
comparison = shx.simulate.compare_scenarios(
    {
        "now": net,
        "hospital introduces clients": adopt,
        "Harbor hosts SMART Recovery": host,
        "both": shx.simulate.host_meeting(adopt, "A-HRT", "G-SMART"),
    },
    stage="engaged",
    clients_per_agency=200,
    seed=7,
    n_runs=50,
    non_twelve_step_preference=0.2,
)

fig, ax = plt.subplots(figsize=(7, 3.5), layout="constrained")
shx.simulate.plot_scenarios(comparison, ax=ax)
ax.set_title("Clients attending mutual aid weekly, all agencies")

# %%
# Each change acts at its own agency: at Harbor Recovery only the hosted meeting makes a
# difference.
fig, ax = plt.subplots(figsize=(7, 3.5), layout="constrained")
shx.simulate.plot_scenarios(comparison, agency_id="A-HRT", ax=ax, color="tab:green")
ax.set_title("Harbor Recovery Services")
