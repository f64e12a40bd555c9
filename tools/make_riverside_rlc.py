"""Generate the synthetic Riverside RLC personal networks shipped with the library.

Run from the repository root: ``python tools/make_riverside_rlc.py``. The output is the same
every time (a fixed seed), written to ``src/selfhelp_exchange/datasets/riverside_rlc/``.

The data are made up. 48 clients of the four Riverside agencies (and a few of no agency) name
the people they are close to at baseline and twelve months later. Half of them take part in the
Riverside Valley Recovery Learning Community (G-RLC) during the year. The story the numbers are
built to tell (for teaching, not as a finding): at baseline most networks are small and made of
treatment staff and family, as Delman (2014) describes; participants add peers, friends and
community ties over the year more often than the others do.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import selfhelp_exchange as shx

OUT = ROOT / "src" / "selfhelp_exchange" / "datasets" / "riverside_rlc"
SEED = 20140615  # Delman (2014) was published on 15 June 2014
N_EGOS = 48
AGENCIES = ["A-RMH", "A-HRT", "A-BRG", "A-RGH"]
OTHER_GROUPS = ["G-DBSA", "G-DROPIN", "G-SKILLS", "G-AA-TUE", "G-SMART", "G-PEER"]
WAVES = ("baseline", "12 months")


def main() -> None:
    rng = np.random.default_rng(SEED)
    egos, alters, ties = [], [], []
    for k in range(N_EGOS):
        ego = f"E{k + 1:03d}"
        rlc = k % 2 == 0
        agency = AGENCIES[k % 4] if k % 12 != 11 else None
        groups = ["G-RLC"] if rlc else []
        if rng.random() < 0.3:
            groups.append(str(rng.choice(OTHER_GROUPS)))
        egos.append(
            {
                "ego_id": ego,
                "agency": agency,
                "groups": ";".join(groups),
                "rlc_participant": rlc,
                "age_band": str(rng.choice(["18-34", "35-54", "55+"])),
            }
        )
        # baseline: staff and family, sometimes one beyond
        people: list[tuple[str, str]] = []
        n_staff = int(rng.integers(1, 3))
        n_family = int(rng.integers(1, 4))
        people += [("treatment_staff", "") for _ in range(n_staff)]
        people += [("family", "") for _ in range(n_family)]
        if rng.random() < 0.4:
            people.append((str(rng.choice(["friend", "community", "other"])), ""))
        ids = [f"A{j + 1:02d}" for j in range(len(people))]
        base = list(zip(ids, [r for r, _ in people], strict=True))
        # twelve months: most keep their people; some lose one; some gain beyond ties
        later = [p for p in base if rng.random() > 0.1]
        gain = rng.poisson(1.6 if rlc else 0.25)
        new_rel = ["peer", "peer", "friend", "community"] if rlc else ["friend", "community", "peer"]
        for j in range(int(gain)):
            later.append((f"A{len(base) + j + 1:02d}", str(rng.choice(new_rel))))
        for wave, net in zip(WAVES, (base, later), strict=True):
            for aid, rel in net:
                beyond = rel not in ("treatment_staff", "family")
                supportive = bool(rng.random() < (0.75 if beyond or rel == "family" else 0.5))
                alters.append(
                    {
                        "ego_id": ego,
                        "wave": wave,
                        "alter_id": aid,
                        "relation": rel,
                        "strength": float(rng.integers(1, 6)),
                        "contact_frequency": float(rng.choice([1, 2, 4, 8, 12])),
                        "supportive": supportive,
                    }
                )
            rels = dict(net)
            keys = list(rels)
            for i in range(len(keys)):
                for j in range(i + 1, len(keys)):
                    same = rels[keys[i]] == rels[keys[j]]
                    if rng.random() < (0.7 if same else 0.15):
                        ties.append(
                            {"ego_id": ego, "wave": wave, "alter_a": keys[i], "alter_b": keys[j]}
                        )
    pn = shx.personal_networks(pd.DataFrame(alters), pd.DataFrame(ties), pd.DataFrame(egos))
    shx.write_personal_networks(pn, OUT)
    print(pn)


if __name__ == "__main__":
    main()
