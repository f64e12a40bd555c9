"""A small network whose metric values are worked out by hand in the tests.

Agencies A1 (mental health), A2 (substance use), A3 (no links at all).
Groups G1 AA (mutual help, substance use, 12-step), G2 SMART (mutual help, substance use,
non-12-step), G3 DBSA (peer support service, mental health, approach other).
Actors M (media), P (public), F (funder).

Exchanges (e#: source -> target, kind, weight, dates):
  e0  A1/practitioners -> G1  referral                  2  2024-01-01 .. 2024-03-31
  e1  G1 -> A1/board          board_seat                1  undated
  e2  A1 -> G1                referral                  3  2024-06-01 .. open
  e3  A1 -> G1                facilitated_introduction  1  2024-07-01 .. 2024-07-31
  e4  G1 -> A1                in_reach                  2  undated
  e5  A1 -> G2                meeting_space             4  2023-01-01 .. 2023-12-31
  e6  G2 -> A1/practitioners  information               0  undated
  e7  A2 -> G2                referral                  1  undated
  e8  A1/practitioners -> A2  referral                  1  undated   (agency-agency: no dyad)
  e9  G1 -> G2                information               1  undated   (group-group: no dyad)
  e10 G3 -> M                 information               1  undated   (group-actor: no dyad)
  e11 G3 -> A1/clients        peer_bridging             1  undated

Initiatives (sponsors; audiences; date):
  I1 public_education    A1, G1      ; M     ; 2024-03-01
  I2 media               A1          ; P     ; undated
  I3 recovery_event      A1, G2, G1  ; P, F  ; 2024-09-01
  I4 advocacy            A2, A1      ; F     ; 2023-05-01
  I5 community_planning  G3          ; M     ; undated
  I6 other               A2, G2      ; -     ; undated
"""

from __future__ import annotations

import selfhelp_exchange as shx

R = shx.Role


def hand_network() -> shx.ExchangeNetwork:
    return shx.ExchangeNetwork(
        agencies=[
            shx.Agency("A1", "Riverside Counselling", sector="mental_health"),
            shx.Agency("A2", "Harbour Recovery", sector="substance_use"),
            shx.Agency("A3", "Hilltop Clinic"),
        ],
        groups=[
            shx.SelfHelpGroup(
                "G1",
                "Tuesday AA",
                "mutual_help",
                fellowship="AA",
                focus="substance_use",
                approach="twelve_step",
                meeting_place="community",
                admission="open",
                timing="open_ended",
                facilitation="rotating_peers",
            ),
            shx.SelfHelpGroup(
                "G2",
                "SMART Recovery",
                "mutual_help",
                fellowship="SMART Recovery",
                focus="substance_use",
                approach="non_twelve_step",
                meeting_place="agency_premises",
                admission="closed",
                timing="fixed_term",
                facilitation="trained_peers",
            ),
            shx.SelfHelpGroup(
                "G3",
                "DBSA",
                "peer_support_service",
                fellowship="DBSA",
                focus="mental_health",
                approach="other",
                meeting_place="online",
                admission="referral",
                facilitation="professional",
            ),
        ],
        actors=[
            shx.CommunityActor("M", "Riverside Gazette", "media"),
            shx.CommunityActor("P", "General public", "public"),
            shx.CommunityActor("F", "County Foundation", "funder"),
        ],
        exchanges=[
            shx.Exchange(("A1", R.PRACTITIONERS), "G1", "referral", 2, "2024-01-01", "2024-03-31"),
            shx.Exchange("G1", ("A1", R.BOARD), "board_seat", 1),
            shx.Exchange("A1", "G1", "referral", 3, "2024-06-01"),
            shx.Exchange("A1", "G1", "facilitated_introduction", 1, "2024-07-01", "2024-07-31"),
            shx.Exchange("G1", "A1", "in_reach", 2),
            shx.Exchange("A1", "G2", "meeting_space", 4, "2023-01-01", "2023-12-31"),
            shx.Exchange("G2", ("A1", R.PRACTITIONERS), "information", 0),
            shx.Exchange("A2", "G2", "referral", 1),
            shx.Exchange(("A1", R.PRACTITIONERS), "A2", "referral", 1),
            shx.Exchange("G1", "G2", "information", 1),
            shx.Exchange("G3", "M", "information", 1),
            shx.Exchange("G3", ("A1", R.CLIENTS), "peer_bridging", 1),
        ],
        initiatives=[
            shx.Initiative("I1", "public_education", ["A1", "G1"], ["M"], "2024-03-01"),
            shx.Initiative("I2", "media", ["A1"], ["P"]),
            shx.Initiative("I3", "recovery_event", ["A1", "G2", "G1"], ["P", "F"], "2024-09-01"),
            shx.Initiative("I4", "advocacy", ["A2", "A1"], ["F"], "2023-05-01"),
            shx.Initiative("I5", "community_planning", ["G3"], ["M"]),
            shx.Initiative("I6", "other", ["A2", "G2"], []),
        ],
    )
