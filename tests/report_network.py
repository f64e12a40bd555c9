"""A small network for the plot, report and export tests, its values worked out by hand.

Agencies A1, A2. Groups G1 (mutual help, substance use, twelve-step; community, open,
open-ended, rotating peers: professional involvement 0), G2 (supported self-help; agency
premises, referral, fixed term, professional: 1), G3 (mutual help, mental health,
non-twelve-step; only admission closed 0.5 and facilitation trained peers 0.5 known: 0.5),
G4 (consumer advocacy, nothing known: not placed). Actor C1 (media).

Exchanges:
  A1/practitioners -> G1  referral          12  2024-01-01 .. 2024-03-31
  A1/clients -> G1        attendance         4  2024-04-01 .. 2024-06-30
  G1 -> A1/clients        in_reach           2  undated
  A2/board -> G2          resource_support   1  2024-05-01 .. 2024-05-01
  A1 -> G3                information        4  2024-07-01 .. 2024-09-30
(``small=True`` adds A2/practitioners -> G1 referral 3, undated: a count the rule hides.)

Initiative I1 (public education): sponsors A1, G1; audience C1; 2024-03-01.

By hand (weights C 0.25, M* 0.30, P 0.15, W* 0.30; h = 4, h_P = 2; kind weights referral and
attendance 1, in_reach and resource_support 2, information 0.5, 18.5 over all twelve kinds):
  ALI(A1, G1): C 2/3; M* (1+1+2)/18.5; O 12+4 = 16, I 2*2 = 4, P 4/6; W* 20 -> 20/24
  ALI(A2, G2): C 1/3; M* 2/18.5; P 0; W* 2 -> 2/6
  ALI(A1, G3): C 1/3; M* 0.5/18.5; P 0; W* 0.5*4 = 2 -> 2/6
  ALI(A2, G1) (small): C 1/3; M* 1/18.5; P 0; W* 3 -> 3/7
  clients(A1, G1) = 12 + 4 + 2 = 18; clients(A2, G1) (small) = 3.
"""

from __future__ import annotations

import selfhelp_exchange as shx

R = shx.Role

ALI_A1_G1 = 0.25 * 2 / 3 + 0.3 * 4 / 18.5 + 0.15 * 4 / 6 + 0.3 * 20 / 24
ALI_A2_G2 = 0.25 / 3 + 0.3 * 2 / 18.5 + 0.3 * 2 / 6
ALI_A1_G3 = 0.25 / 3 + 0.3 * 0.5 / 18.5 + 0.3 * 2 / 6
ALI_A2_G1 = 0.25 / 3 + 0.3 * 1 / 18.5 + 0.3 * 3 / 7


def report_network(*, small: bool = False) -> shx.ExchangeNetwork:
    exchanges = [
        shx.Exchange(("A1", R.PRACTITIONERS), "G1", "referral", 12, "2024-01-01", "2024-03-31"),
        shx.Exchange(("A1", R.CLIENTS), "G1", "attendance", 4, "2024-04-01", "2024-06-30"),
        shx.Exchange("G1", ("A1", R.CLIENTS), "in_reach", 2),
        shx.Exchange(("A2", R.BOARD), "G2", "resource_support", 1, "2024-05-01", "2024-05-01"),
        shx.Exchange("A1", "G3", "information", 4, "2024-07-01", "2024-09-30"),
    ]
    if small:
        exchanges.append(shx.Exchange(("A2", R.PRACTITIONERS), "G1", "referral", 3))
    return shx.ExchangeNetwork(
        agencies=[
            shx.Agency("A1", "Riverside Counselling", sector="mental_health"),
            shx.Agency("A2", "Harbor House", sector="substance_use"),
        ],
        groups=[
            shx.SelfHelpGroup(
                "G1",
                "Tuesday AA",
                "mutual_help",
                focus="substance_use",
                approach="twelve_step",
                meeting_place="community",
                admission="open",
                timing="open_ended",
                facilitation="rotating_peers",
            ),
            shx.SelfHelpGroup(
                "G2",
                "Living Well",
                "supported_self_help",
                meeting_place="agency_premises",
                admission="referral",
                timing="fixed_term",
                facilitation="professional",
            ),
            shx.SelfHelpGroup(
                "G3",
                "DBSA",
                "mutual_help",
                focus="mental_health",
                approach="non_twelve_step",
                admission="closed",
                facilitation="trained_peers",
            ),
            shx.SelfHelpGroup("G4", "Voices", "consumer_advocacy"),
        ],
        actors=[shx.CommunityActor("C1", "The Courier", "media")],
        exchanges=exchanges,
        initiatives=[
            shx.Initiative(
                "I1",
                "public_education",
                sponsors=["A1", "G1"],
                audiences=["C1"],
                date="2024-03-01",
            )
        ],
    )
