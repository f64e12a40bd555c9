"""Build the evaluator's report: one self-contained HTML file.

The report holds an overview, each agency's scorecard with its gaps, the network figure, the
linkage heatmaps, the relational-therapeutic continuum, linkage over time, a methods section
with every formula and its source, and a data-quality section. Nothing in it is fetched from
elsewhere: figures are inline SVG, the stylesheet is inline, there is no script. It prints
on few pages (sections flow on; titles stay with what follows; figures stay whole).

Every count of clients in it (tables and figures) comes from one
:func:`~selfhelp_exchange.people.client_count_table`, small counts suppressed, and a note says
so wherever a count was hidden.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.privacy import (
    SMALL_CELL_THRESHOLD,
    PrivacyError,
    SuppressedTable,
    published_network,
)
from selfhelp_exchange.report._counts import PublishedCounts
from selfhelp_exchange.report._html import CSS, PAGE, Markup, esc, figure, svg_of, table
from selfhelp_exchange.report.quality import DataQuality, assess
from selfhelp_exchange.report.selfassessment import assessment_section
from selfhelp_exchange.report.social import SECTION as SOCIAL_SECTION
from selfhelp_exchange.report.social import social_html

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from selfhelp_exchange.egonet.tables import PersonalNetworks
    from selfhelp_exchange.metrics.adaptational import LinkageWeights
    from selfhelp_exchange.metrics.institutional import InstitutionalWeights

__all__ = ["SECTIONS", "build_report"]

#: The report's sections: (HTML id, heading), in order.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("overview", "Overview"),
    ("agencies", "Agency scorecards"),
    ("network", "The exchange network"),
    ("linkage", "Linkage between agencies and groups"),
    ("robustness", "How robust are the comparisons?"),
    ("continuum", "The relational-therapeutic continuum"),
    ("timeline", "Linkage over time"),
    ("self-assessment", "Self-assessment, action plan and outcomes"),
    SOCIAL_SECTION,
    ("methods", "Methods"),
    ("data-quality", "Data quality"),
)
#: Above this many agency-group cells the heatmaps are drawn without a number in each cell.
_MAX_ANNOTATED_CELLS = 600
#: Above this many nodes the network figure draws no names (the tables name everyone).
_MAX_LABELLED_NODES = 120
_OPTIONS = (
    ("twelve_step_option", "twelve-step"),
    ("non_twelve_step_option", "non-twelve-step"),
    ("mental_health_option", "mental-health"),
    ("family_option", "family"),
)


def _build_time(given: dt.datetime | None) -> dt.datetime:
    """The build time to print: given, else SOURCE_DATE_EPOCH, else now (all in UTC)."""
    if given is not None:
        return given.astimezone(dt.UTC) if given.tzinfo else given.replace(tzinfo=dt.UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)


_TITLE_THEN_BLOCK = re.compile(
    r"((?:<h[234][^>]*>(?:(?!</h[234]>).)*</h[234]>)+)(<figure\b.*?</figure>|<dl\b.*?</dl>)",
    re.DOTALL,
)


def _keep_titles(body: str) -> str:
    """Wrap each title with the figure or list after it, so print never leaves a title alone."""
    return _TITLE_THEN_BLOCK.sub(r'<div class="keep">\1\2</div>', body)


def _file_name(source: str) -> str:
    """The last part of a path: a folder's name can carry a person's or a client's name."""
    return re.split(r"[\\/]", source.rstrip("\\/"))[-1] or source


#: Codes whose words are hyphenated in English.
_HYPHENATED = {"co_occurring": "co-occurring", "twelve_step": "twelve-step"}


def _human(code: object) -> str:
    """A vocabulary code as words: ``mental_health`` -> ``mental health``."""
    text = str(code)
    for c, words in _HYPHENATED.items():
        text = text.replace(c, words)
    return text.replace("_", " ").replace(";", ", ")


def _named(name: str, ident: str) -> Markup:
    """A name with its id after it, the id never broken across lines (ids carry hyphens)."""
    return Markup(f'{esc(name)} <span class="id">({esc(ident)})</span>')


def _f2(x: Any) -> str:
    return f"{float(x):.2f}"


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts (column name -> value): typed access, and no clash with tuple methods."""
    return [{str(k): v for k, v in row.items()} for row in df.to_dict("records")]


def _count_class(
    hidden: Callable[[int], bool], col: int, *, total: bool = False
) -> Callable[[int, int, Any], str | None]:
    kind = "count people total" if total else "count people"

    def cls(i: int, j: int, _v: Any) -> str | None:
        if j != col:
            return None
        return f"{kind} suppressed" if hidden(i) else kind

    return cls


@needs_network
def build_report(
    net: ExchangeNetwork,
    path: str | os.PathLike[str] | None = None,
    *,
    title: str = "Agency and self-help linkage report",
    threshold: int = SMALL_CELL_THRESHOLD,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    data_quality: DataQuality | None = None,
    weights: LinkageWeights | Mapping[str, float] | None = None,
    institutional_weights: InstitutionalWeights | Mapping[str, float] | None = None,
    progress: bool = False,
    generated_at: dt.datetime | None = None,
    simulation: bool = False,
    self_assessment_answers: Mapping[str, Any] | None = None,
    personal_networks: PersonalNetworks | None = None,
    personal_networks_by: str | None = None,
) -> Path | str:
    """Write the evaluator's report on ``net`` as one self-contained HTML file.

    Parameters
    ----------
    net : ExchangeNetwork
    path : str or path-like, optional
        Where to write the report (UTF-8). When None the HTML is returned as a string.
    title : str
        The report's title.
    threshold : int
        Small-cell threshold: client counts from 1 to ``threshold - 1`` are hidden, with enough
        others that they cannot be worked out (default 11, see
        :mod:`selfhelp_exchange.privacy`).
    start, end : date or 'YYYY-MM-DD', optional
        Reporting window; exchanges overlapping it and initiatives dated in it count (undated
        ones always count).
    data_quality : DataQuality, optional
        What was read and left out (default :func:`~selfhelp_exchange.report.assess` of
        ``net``, which cannot name the source file).
    weights, institutional_weights : optional
        Weights of the two linkage indices (defaults of
        :class:`~selfhelp_exchange.LinkageWeights` and
        :class:`~selfhelp_exchange.InstitutionalWeights`); the methods section prints those
        used.
    progress : bool
        Show a progress bar (tqdm) while the figures are drawn.
    generated_at : datetime, optional
        The time the report says it was built. By default the ``SOURCE_DATE_EPOCH``
        environment variable (seconds since 1970, the reproducible-builds convention) when it
        is set, else now; the report is otherwise the same bytes for the same input, so a fixed
        time gives a byte-stable file.
    simulation : bool
        Add a section (id ``simulation``) with the simulated share of clients reaching a first
        meeting under passive referral and facilitation, each as an interval
        (:func:`selfhelp_exchange.report.simulation.simulation_section`; seeded, so the report
        stays byte-stable).
    self_assessment_answers : mapping, optional
        The evaluator's answers to the self-assessment (as
        :func:`~selfhelp_exchange.read_self_assessment` returns them); default none (the
        answered items show as unknown).
    personal_networks : PersonalNetworks, optional
        The personal networks of the people served (see
        :func:`~selfhelp_exchange.read_personal_networks`): the ``social`` section then
        summarizes them by wave and their change from the first wave to the last, never
        naming an ego or alter and following the small-cell rule for counts of people.
    personal_networks_by : str, optional
        An ego attribute (e.g. ``"rlc_participant"``) to compare that change by.

    Returns
    -------
    pathlib.Path or str
        The path written, or the HTML when ``path`` is None.

    Raises
    ------
    PrivacyError
        If ``threshold`` is not a whole number >= 1.
    RecordError
        If the window or the weights are invalid.

    Notes
    -----
    Sections, each with an HTML id: ``overview``, ``agencies`` (one ``article.agency`` per
    agency), ``network``, ``linkage``, ``continuum``, ``timeline``, ``self-assessment``
    (:mod:`selfhelp_exchange.report.selfassessment`), ``methods``, ``data-quality``. Table
    cells holding counts of clients carry the classes ``count people`` (and ``suppressed`` when
    hidden), so they can be checked mechanically.
    agency), ``network``, ``linkage``, ``continuum``, ``timeline``, ``social`` (what groups
    offer, and personal networks when given), ``methods``, ``data-quality``. Table cells holding counts of clients carry the classes ``count people``
    (and ``suppressed`` when hidden), so they can be checked mechanically.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> html = shx.build_report(shx.load_example("riverside"), title="Riverside")
    >>> html.startswith("<!DOCTYPE html>"), 'id="methods"' in html, "http://" in html.split("<svg")[0]
    (True, True, False)
    """
    from tqdm.auto import tqdm

    from selfhelp_exchange import __version__, plot
    from selfhelp_exchange.metrics._common import as_weights
    from selfhelp_exchange.metrics.adaptational import LinkageWeights, adaptational_linkage
    from selfhelp_exchange.metrics.continuum import CONTINUUM_CUT_POINTS, professional_involvement
    from selfhelp_exchange.metrics.institutional import InstitutionalWeights
    from selfhelp_exchange.metrics.scorecard import agency_scorecard
    from selfhelp_exchange.people import client_count_table
    from selfhelp_exchange.report.methods import methods_html
    from selfhelp_exchange.report.sensitivity import sensitivity_section
    from selfhelp_exchange.report.simulation import simulation_section

    threshold_: object = threshold  # callers from untyped code may pass anything
    if isinstance(threshold_, bool) or not isinstance(threshold_, int) or threshold_ < 1:
        msg = f"threshold must be a whole number >= 1 (got {threshold!r})"
        raise PrivacyError(msg)
    w = as_weights(LinkageWeights, weights)
    wi = as_weights(InstitutionalWeights, institutional_weights)
    steps = tqdm(total=8, desc="report", unit="step", disable=not progress, leave=False)

    def step(what: str) -> None:
        steps.set_postfix_str(what, refresh=False)
        steps.update(1)

    # counts come from the data and are suppressed; every index and figure comes from the
    # published network, in which a hidden count enters as a fixed value (Methods)
    counts = PublishedCounts(client_count_table(net, start=start, end=end, threshold=threshold))
    raw = net
    net = published_network(net, start=start, end=end, threshold=threshold, table=counts.table)
    card = agency_scorecard(net, start=start, end=end, weights=w, institutional_weights=wi)
    dyads = adaptational_linkage(net, start=start, end=end, weights=w)
    quality = data_quality if data_quality is not None else assess(raw, start=start, end=end)
    step("metrics")
    body: list[str] = []
    generated = _build_time(generated_at).strftime("%Y-%m-%d %H:%M UTC")
    window = (
        f"{start or 'the beginning'} to {end or 'the end'}"
        if start is not None or end is not None
        else "all dates"
    )
    src = f" from <code>{esc(_file_name(quality.source))}</code>" if quality.source else ""
    body.append(
        f"<header><h1>{esc(title)}</h1><p class=meta>Built {generated}{src} with "
        f"selfhelp-exchange {esc(__version__)}; reporting window: {esc(window)}. "
        f"Small counts of clients (1 to {threshold - 1}) are hidden.</p></header>"
    )
    body.append(
        "<nav><h2 style='border:0;margin-top:1rem'>Contents</h2><ol>"
        + "".join(f'<li><a href="#{sid}">{esc(h)}</a></li>' for sid, h in SECTIONS)
        + "</ol></nav>"
    )
    body.append(
        _overview(
            net,
            card,
            dyads,
            counts,
            lambda: plot.scorecard_profile(
                net, start=start, end=end, weights=w, institutional_weights=wi
            ),
            step,
        )
    )
    body.append(_agencies(net, card, dyads, counts))
    step("scorecards")
    body.append(_network(net, step))
    body.append(_linkage(net, raw, start, end, w, threshold, counts, step))
    # on the published network too
    body.append(sensitivity_section(net, start=start, end=end, weights=w))
    body.append(_continuum(net, professional_involvement(net), CONTINUUM_CUT_POINTS, step))
    body.append(_timeline(net, start, end, w, step))
    body.append(assessment_section(net, self_assessment_answers))
    body.append(social_html(net, personal_networks, threshold=threshold, by=personal_networks_by))
    body.append(
        '<section id="methods"><h2>Methods</h2>'
        + methods_html(w, wi, CONTINUUM_CUT_POINTS, threshold)
        + "</section>"
    )
    body.append(_quality(quality, counts, threshold))
    if simulation:  # the section lives in its own module
        body.append(simulation_section(net))
    body.append(
        "<footer>Made with selfhelp-exchange. Every figure and table in this file is embedded; "
        "it fetches nothing and runs no script.</footer>"
    )
    step("page")
    page = PAGE.substitute(
        version=esc(__version__), title=esc(title), css=CSS, body=_keep_titles("\n".join(body))
    )
    steps.close()
    if path is None:
        return page
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


def _overview(
    net: ExchangeNetwork,
    card: pd.DataFrame,
    dyads: pd.DataFrame,
    counts: PublishedCounts,
    draw_profile: Callable[[], Axes],
    step: Callable[[str], None],
) -> str:
    linked_groups = dyads["group_id"].nunique()
    ali = dyads["index"].to_numpy(dtype=np.float64)
    cards = [
        (net.n_agencies, "agencies"),
        (net.n_groups, "self-help groups"),
        (len(net.actors), "community actors"),
        (net.n_exchanges, "exchanges"),
        (len(net.initiatives), "initiatives"),
        (len(dyads), "linked agency-group pairs"),
        (f"{linked_groups} of {net.n_groups}", "groups linked to an agency"),
        (_f2(float(ali.mean())) if ali.size else "-", "mean ALI over linked pairs"),
    ]
    out = ['<section id="overview"><h2>Overview</h2><div class="cards">']
    out += [
        f'<div class="card"><span class="v">{esc(v)}</span><span class="k">{esc(k)}</span></div>'
        for v, k in cards
    ]
    out.append("</div>")
    rows = []
    hidden_rows = []
    for r in _records(card):
        options = [label for col, label in _OPTIONS if r[col]]
        rows.append(
            [
                Markup(f'<a href="#agency-{esc(r["agency_id"])}">{esc(r["name"])}</a>'),
                _human(r["sector"]),
                r["groups_linked"],
                f"{r['subunits_engaged']} of 3",
                _f2(r["adaptational_index"]),
                _f2(r["institutional_index"]),
                ", ".join(options) or "none",
                r["n_gaps"],
                counts.total(r["agency_id"]),
            ]
        )
        hidden_rows.append(counts.total_hidden(r["agency_id"]))
    out.append(
        table(
            [
                "agency",
                "sector",
                "groups linked",
                "subunits engaged",
                "adaptational index",
                "institutional index",
                "options for clients",
                "gaps",
                "clients counted",
            ],
            rows,
            numeric=(2, 4, 5, 7, 8),
            cell_class=_count_class(lambda i: hidden_rows[i], 8, total=True),
        )
    )
    out.append(_suppression_note(counts.table))
    if net.n_agencies:
        svg = svg_of(draw_profile, label="Scorecard profile of every agency")
        out.append(
            figure(
                "fig-profile",
                svg,
                "Figure 1. Scorecard profile: each agency's components on a 0-1 scale "
                '(definitions in <a href="#m-scorecard">Methods</a>).',
            )
        )
    step("profile")
    out.append("</section>")
    return "".join(out)


def _suppression_note(t: SuppressedTable) -> str:
    """The privacy note, once, in the overview (the other places link to it)."""
    if not t.note:
        return ""
    return f'<p class="suppression-note" id="privacy-note">{esc(t.note)}</p>'


def _agencies(
    net: ExchangeNetwork, card: pd.DataFrame, dyads: pd.DataFrame, counts: PublishedCounts
) -> str:
    groups = {g.id: g for g in net.groups}
    # each agency's linked groups, in the frame's order: one pass, not a filter per agency
    linked: dict[str, list[dict[str, Any]]] = {}
    for d in _records(dyads):
        linked.setdefault(str(d["agency_id"]), []).append(d)
    title = "<h2>Agency scorecards</h2>"
    out = ['<section id="agencies">']
    if card.empty:
        out.append(f"{title}<p>No agency in the data.</p>")
    for k, r in enumerate(_records(card)):
        a = str(r["agency_id"])
        out.append(f'<article class="agency" id="agency-{esc(a)}">')
        # the section title inside the first article: it then prints with that agency's card
        out.append(
            (title if k == 0 else "")
            + f"<h3>{esc(r['name'])} <small>({esc(a)}, {esc(_human(r['sector']))})</small></h3>"
        )
        options = [label for col, label in _OPTIONS if r[col]]
        by_type = ", ".join(
            f"{c.removeprefix('type_').replace('_', ' ')} {r[c]}"
            for c in card.columns
            if c.startswith("type_") and r[c]
        )
        kv = [
            ("groups linked", f"{r['groups_linked']}" + (f" ({by_type})" if by_type else "")),
            ("options for clients", ", ".join(options) or "none"),
            (
                "subunits engaged",
                f"{r['subunits_engaged']} of 3: {_human(r['engaged_subunits']) or 'none'}",
            ),
            ("two-way links", f"{_f2(r['reciprocal_share'])} of linked groups"),
            ("adaptational index", _f2(r["adaptational_index"])),
            ("joint initiatives", f"{r['joint_initiatives']} with {r['joint_groups']} group(s)"),
            ("institutional index", _f2(r["institutional_index"])),
        ]
        out.append(
            '<dl class="kv">'
            + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in kv)
            + "</dl>"
        )
        gaps = [g for g in str(r["gaps"]).split("; ") if g]
        if gaps:
            out.append(
                f"<h4>Gaps ({len(gaps)})</h4><ul class='gaps'>"
                + "".join(f"<li>{esc(g)}</li>" for g in gaps)
                + "</ul>"
            )
        else:
            out.append("<p class='ok'>No gap flagged.</p>")
        mine = linked.get(a, [])
        if mine:
            rows, hid = [], []
            for d in mine:
                g = groups[str(d["group_id"])]
                rows.append(
                    [
                        _named(g.name, g.id),
                        _human(g.group_type.value),
                        _human(d["subunits"]),
                        _f2(d["coverage"]),
                        d["multiplexity"],
                        "yes" if d["reciprocity"] else "no",
                        _f2(d["index"]),
                        counts.cell(a, g.id),
                    ]
                )
                hid.append(counts.hidden(a, g.id))
            out.append("<h4>Linked groups</h4>")
            out.append(
                table(
                    [
                        "group",
                        "type",
                        "subunits",
                        "coverage C",
                        "kinds M",
                        "two-way P",
                        "ALI",
                        "clients counted",
                    ],
                    rows,
                    numeric=(3, 4, 6, 7),
                    cell_class=_count_class(lambda i, hid=hid: hid[i], 7),  # type: ignore[misc]
                )
            )
            if any(hid):
                out.append(
                    '<p class="note">* hidden: see the <a href="#privacy-note">privacy '
                    "note</a>.</p>"
                )
        out.append("</article>")
    out.append("</section>")
    return "".join(out)


def _label_network(net: ExchangeNetwork) -> bool:
    """Name the nodes unless there are too many names to read (and to lay out quickly)."""
    return net.n_agencies + net.n_groups + len(net.actors) <= _MAX_LABELLED_NODES


def _network(net: ExchangeNetwork, step: Callable[[str], None]) -> str:
    from selfhelp_exchange import plot

    if not (net.n_agencies or net.n_groups):
        step("network")
        return (
            '<section id="network"><h2>The exchange network</h2>'
            "<p>No agency or group in the data.</p></section>"
        )
    svg = svg_of(
        lambda: plot.draw_network(net, color_by="subunit", labels=_label_network(net)),
        label="The exchange network",
    )
    step("network")
    return (
        '<section id="network"><h2>The exchange network</h2>'
        + figure(
            "fig-network",
            svg,
            "Figure 2. Agencies (squares, each in its own colour, as in every figure) with "
            "their board, practitioner and client units beside them; self-help groups (light "
            "markers, shaped by type); community actors (diamonds) below. Lines are exchanges, "
            "coloured by the subunit they touch, wider for larger summed weights; dashed lines "
            "are joint initiatives, dotted lines reach their audiences. The legend explains "
            "every colour, line and shape.",
        )
        + "</section>"
    )


def _linkage(
    net: ExchangeNetwork,
    raw: ExchangeNetwork,
    start: dt.date | str | None,
    end: dt.date | str | None,
    w: LinkageWeights,
    threshold: int,
    counts: PublishedCounts,
    step: Callable[[str], None],
) -> str:
    from selfhelp_exchange import plot

    out = ['<section id="linkage"><h2>Linkage between agencies and groups</h2>']
    if not (net.n_agencies and net.n_groups):
        out.append("<p>No agency-group pair to show.</p></section>")
        step("heatmaps")
        return "".join(out)
    # a number in each of thousands of cells cannot be read, and draws slowly
    annotate = net.n_agencies * net.n_groups <= _MAX_ANNOTATED_CELLS
    svg = svg_of(
        lambda: plot.linkage_heatmap(net, start=start, end=end, weights=w, annotate=annotate),
        label="Heatmap of the adaptational linkage index",
    )
    out.append(
        figure(
            "fig-heatmap",
            svg,
            "Figure 3. Adaptational linkage index (ALI) of each agency (rows) and group "
            "(columns); blank cells: no adaptational exchange.",
        )
    )
    svg = svg_of(
        lambda: plot.linkage_heatmap(
            raw,
            value="clients",
            start=start,
            end=end,
            threshold=threshold,
            annotate=annotate,
            table=counts.table,  # the same cells hidden, without a second suppression audit
        ),
        label="Heatmap of clients counted by the exchanges",
    )
    out.append(
        figure(
            "fig-clients",
            svg,
            "Figure 4. Clients counted by referrals, introductions, peer bridging, in-reach "
            "and attendance between each agency and group (a client may be counted under "
            "several kinds). Grey hatched cells marked * are hidden "
            '(<a href="#privacy-note">privacy note</a>).',
        )
    )
    step("heatmaps")
    out.append("</section>")
    return "".join(out)


def _continuum(
    net: ExchangeNetwork,
    pi: pd.DataFrame,
    cuts: tuple[float, float],
    step: Callable[[str], None],
) -> str:
    from selfhelp_exchange import plot

    out = ['<section id="continuum"><h2>The relational-therapeutic continuum</h2>']
    if not net.n_groups:
        out.append("<p>No group in the data.</p></section>")
        step("continuum")
        return "".join(out)
    svg = svg_of(
        lambda: plot.continuum_strip(net, cut_points=cuts, labels=_label_network(net)),
        label="Continuum strip",
    )
    out.append(
        figure(
            "fig-continuum",
            svg,
            "Figure 5. Each group at its professional-involvement index, from the relational "
            "(peer-run) to the therapeutic (professionally shaped) end; hollow points have "
            'some dimension unknown (<a href="#m-continuum">Methods</a>).',
        )
    )
    names = {g.id: g.name for g in net.groups}
    rows = []
    for r in _records(pi):
        scores = [
            "?" if np.isnan(r[f"{d}_score"]) else _f2(r[f"{d}_score"])
            for d in ("meeting_place", "admission", "timing", "facilitation")
        ]
        idx = "-" if np.isnan(r["index"]) else _f2(r["index"])
        rows.append(
            [
                _named(names[str(r["group_id"])], str(r["group_id"])),
                *scores,
                idx,
                _human(r["continuum"]),
            ]
        )
    out.append(
        table(
            ["group", "meeting place", "admission", "timing", "facilitation", "index", "model"],
            rows,
            numeric=(1, 2, 3, 4, 5),
        )
    )
    out.append("<p class=note>? marks a dimension not recorded.</p></section>")
    step("continuum")
    return "".join(out)


def _timeline(
    net: ExchangeNetwork,
    start: dt.date | str | None,
    end: dt.date | str | None,
    w: LinkageWeights,
    step: Callable[[str], None],
) -> str:
    from selfhelp_exchange import plot

    out = ['<section id="timeline"><h2>Linkage over time</h2>']
    x = net.arrays
    dated = bool((~np.isnat(x.start) | ~np.isnat(x.end)).any())
    if net.n_agencies and (dated or (start is not None and end is not None)):
        svg = svg_of(
            lambda: plot.linkage_timeline(net, start=start, end=end, weights=w),
            label="Linkage over time",
        )
        out.append(
            figure(
                "fig-timeline",
                svg,
                "Figure 6. Each agency's mean ALI over the groups it is linked to, quarter by "
                'quarter (<a href="#m-timeline">Methods</a>).',
            )
        )
    else:
        out.append("<p>No dated exchange: linkage over time cannot be shown.</p>")
    step("timeline")
    out.append("</section>")
    return "".join(out)


def _quality(q: DataQuality, counts: PublishedCounts, threshold: int) -> str:
    out = ['<section id="data-quality"><h2>Data quality</h2>']
    what = []
    if q.source:
        what.append(f"Read from <code>{esc(_file_name(q.source))}</code>")
        if q.format:
            what[-1] += f" ({esc(q.format)})"
    else:
        what.append("Built from a network given in Python")
    out.append(f"<p>{what[0]}; every record passed the library's checks.</p>")
    out.append("<h3>What was read</h3>")
    out.append(table(["table", "records"], [list(r) for r in q.read], numeric=(1,), cls="read"))
    out.append("<h3>What was left out, and why</h3>")
    if q.excluded:
        out.append(
            table(
                ["records", "how many", "why"],
                [[e.what, e.count, e.reason] for e in q.excluded],
                numeric=(1,),
            )
        )
    else:
        out.append("<p>Nothing was left out.</p>")
    t = counts.table
    hidden = int(t.hidden.to_numpy().sum())
    out.append(
        f"<p>Client counts hidden by the small-cell rule (threshold {threshold}): "
        f"{t.n_primary} below the threshold and {t.n_complementary} more to protect them "
        f"({hidden} cell{'s' if hidden != 1 else ''} of the client-count table).</p>"
    )
    if q.notes:
        out.append("<h3>Notes</h3><ul>" + "".join(f"<li>{esc(n)}</li>" for n in q.notes) + "</ul>")
    out.append("</section>")
    return "".join(out)
