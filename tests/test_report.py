"""The HTML report: sections, embedded figures, nothing external, methods, privacy, quality."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.report import SECTIONS, DataQuality, Exclusion, assess, build_report
from selfhelp_exchange.report.export import score_tables, write_scores
from tests.report_network import report_network


class _Page(HTMLParser):
    """Every start tag with its attributes, and the text of td cells by class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.cells: list[tuple[str, str]] = []
        self._td: list[str] | None = None
        self._cls = ""
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "td":
            self._td, self._cls = [], a.get("class") or ""

    def handle_endtag(self, tag) -> None:
        if tag == "td" and self._td is not None:
            self.cells.append((self._cls, "".join(self._td).strip()))
            self._td = None

    def handle_data(self, data) -> None:
        self.text.append(data)
        if self._td is not None:
            self._td.append(data)


def _parse(html: str) -> _Page:
    p = _Page()
    p.feed(html)
    return p


def _quality_net() -> shx.ExchangeNetwork:
    net = report_network(small=True)
    extra = [
        shx.Exchange("G1", "G3", "information"),
        shx.Exchange("A1", "G1", "attendance", 20, attributes={"client_id": "c-17"}),
    ]
    return shx.ExchangeNetwork(
        net.agencies, net.groups, net.actors, [*net.exchanges, *extra], net.initiatives
    )


@pytest.fixture(scope="module")
def html() -> str:
    net = _quality_net()
    out = build_report(
        net,
        title="Hand <test> report",
        data_quality=assess(net, source="hand.xlsx", format="XLSX workbook"),
    )
    assert isinstance(out, str)
    return out


@pytest.fixture(scope="module")
def page(html) -> _Page:
    return _parse(html)


def test_sections_in_order(page, html) -> None:
    ids = [a["id"] for t, a in page.tags if t == "section"]
    assert ids == [sid for sid, _ in SECTIONS]
    assert [sid for sid, _ in SECTIONS] == [
        "overview",
        "agencies",
        "network",
        "linkage",
        "robustness",
        "continuum",
        "timeline",
        "self-assessment",
        "social",
        "methods",
        "data-quality",
    ]
    assert "<title>Hand &lt;test&gt; report</title>" in html
    assert "<h1>Hand &lt;test&gt; report</h1>" in html
    agencies = [a["id"] for t, a in page.tags if t == "article"]
    assert agencies == ["agency-A1", "agency-A2"]


def test_every_figure_is_inline_svg(page, html) -> None:
    figures = [a["id"] for t, a in page.tags if t == "figure"]
    assert figures == [
        "fig-profile",
        "fig-network",
        "fig-heatmap",
        "fig-clients",
        "fig-continuum",
        "fig-timeline",
    ]
    svgs = [a for t, a in page.tags if t == "svg"]
    assert len(svgs) == 6
    assert all(a.get("role") == "img" and a.get("aria-label") for a in svgs)
    assert "<?xml" not in html
    assert "<metadata>" not in html
    # text stays text (searchable, and checkable): group ids on the heatmap's axis
    assert re.search(r"<text[^>]*>G3</text>", html)


def test_nothing_is_fetched_from_elsewhere(page, html) -> None:
    refs = [
        (t, k, v)
        for t, a in page.tags
        for k, v in a.items()
        if k in {"src", "href", "xlink:href", "action", "data", "poster", "srcset", "background"}
    ]
    assert refs  # the contents and the inline images have some
    offsite = [r for r in refs if not (r[2] or "").startswith(("#", "data:"))]
    assert offsite == []
    assert not {t for t, _ in page.tags} & {"script", "link", "iframe", "object", "embed", "img"}
    style = html[html.index("<style>") : html.index("</style>")]
    assert "url(" not in style
    assert "@import" not in style
    assert "@media print" in style
    # print: titles stay with what follows, figures whole, words unbroken (the page count is
    # checked in a real browser, tests/test_report_browser.py)
    assert "break-after: avoid" in style
    assert "div.keep { display: inline-block" in style
    assert "word-break: normal" in style
    assert '<div class="keep"><h2>The exchange network</h2><figure id="fig-network"' in html


def test_methods_print_every_formula_with_the_weights_used(html) -> None:
    assert "ALI = 0.25·C + 0.3·M* + 0.15·P + 0.3·W*/(W* + 4)" in html
    assert "A = 0.4·D + 0.15·G/(G + 2) + 0.15·K + 0.15·S/3 + 0.15·R" in html
    assert "information 0.5" in html
    assert "I = 0.3333·joint_share + 0.3333·G/(G + 2) + 0.3333·K/9" in html
    assert "PI = mean of the known dimensions" in html
    assert "relational if PI &lt; 0.3333" in html
    assert "agency premises 1" in html
    assert (
        "coverage      C = |{r in {board, practitioners, clients} : E(a, g) touches r}| / 3"
        in html
    )
    for source in ("Powell, T. J., &amp; Perron", "Public Health England (2013)", "CMS Cell Size"):
        assert source in html
    custom = build_report(
        report_network(),
        weights={"coverage": 0.4, "multiplexity": 0.2, "reciprocity": 0.2, "intensity": 0.2},
    )
    assert "ALI = 0.4·C + 0.2·M* + 0.2·P + 0.2·W*/(W* + 4)" in custom
    # the dyad table follows the weights too: A2-G2's index with coverage weighted 0.4
    # (resource support of weight 1: M* 2/18.5, W* 2)
    expected = 0.4 / 3 + 0.2 * 2 / 18.5 + 0.2 * 2 / 6
    assert f">{expected:.2f}<" in custom


def test_small_counts_are_hidden_and_said_so(page, html) -> None:
    counts = [(c, t) for c, t in page.cells if "count" in c.split()]
    assert counts
    assert all("people" in c.split() for c, _ in counts)
    for cls, text in counts:
        assert text in {"*", "0"} or int(text) >= 11, (cls, text)
        assert ("suppressed" in cls.split()) == (text == "*")
    assert any(t == "*" for _, t in counts)
    notes = [a for t, a in page.tags if t == "p" and a.get("class") == "suppression-note"]
    # the privacy note once, in the overview; the agencies and the clients figure link to it
    assert len(notes) == 1
    assert html.count("* hidden: counts from 1 to 10 are not shown") == 2  # and in Figure 4's SVG
    assert html.count('href="#privacy-note"') == 3  # A1's and A2's linked groups, Figure 4
    # in the clients heatmap, only * or counts of at least 11
    shown = re.findall(
        r'<g id="clients-cell-\d+-\d+">.*?<text[^>]*>([^<]*)</text>', html, re.DOTALL
    )
    assert shown
    assert all(s == "*" or int(s) >= 11 for s in shown)


def test_no_note_when_nothing_is_hidden() -> None:
    out = build_report(report_network(small=True), threshold=3)
    assert 'class="suppression-note"' not in out
    assert "Small counts of clients (1 to 2) are hidden." in out
    with pytest.raises(shx.PrivacyError, match="threshold must be a whole number >= 1"):
        build_report(report_network(), threshold=0)


def test_data_quality_says_what_was_read_and_left_out(html) -> None:
    dq = html[html.index('<section id="data-quality">') :]
    assert "Read from <code>hand.xlsx</code> (XLSX workbook)" in dq
    assert '<td>exchanges</td><td class="num">8</td>' in dq
    assert "exchanges not between an agency and a group" in dq
    assert "exchange attributes naming a person (client_id)" in dq
    assert "groups with no continuum dimension known" in dq
    assert "G4" in dq
    assert "4 exchanges have no dates" in dq
    assert "c-17" not in html  # the identifier itself never appears


def test_assess_by_hand() -> None:
    q = assess(_quality_net(), start="2024-04-01", end="2024-06-30")
    assert dict(q.read) == {
        "agencies": 2,
        "groups": 4,
        "group locations": 0,
        "meeting times": 0,
        "community actors": 1,
        "exchanges": 8,
        "initiatives": 1,
        "initiative sponsors": 2,
        "initiative audiences": 1,
    }
    assert q.excluded == (
        Exclusion(
            "exchanges outside the reporting window",
            2,
            "dated wholly outside 2024-04-01 to 2024-06-30; left out of every measure and figure",
        ),
        Exclusion(
            "initiatives outside the reporting window",
            1,
            "dated outside 2024-04-01 to 2024-06-30; left out of institutional linkage",
        ),
        Exclusion(
            "exchanges not between an agency and a group",
            1,
            "between two agencies, two groups or with a community actor: drawn in the network "
            "figure, but part of no agency-group linkage measure",
        ),
        Exclusion(
            "groups with no continuum dimension known",
            1,
            "meeting place, admission, timing and facilitation all unknown: not placed on the "
            "relational-therapeutic continuum (G4)",
        ),
        Exclusion(
            "exchange attributes naming a person (client_id)",
            1,
            "person identifiers are never shown in this report or its exports",
        ),
    )
    assert assess(shx.ExchangeNetwork()) == DataQuality(read=assess(shx.ExchangeNetwork()).read)


def test_written_to_a_file_and_an_empty_network(tmp_path) -> None:
    out = build_report(shx.ExchangeNetwork(), tmp_path / "deep" / "empty.html")
    assert out == tmp_path / "deep" / "empty.html"
    text = Path(out).read_text(encoding="utf-8")
    assert "No agency in the data." in text
    assert "No dated exchange: linkage over time cannot be shown." in text
    assert "<figure" not in text


def test_score_tables_and_exports(tmp_path) -> None:
    t = score_tables(report_network(small=True))
    card = t["scorecard"]
    assert card["clients_counted"].tolist() == ["*", "*"]  # 18 and 3: both hidden
    assert t["linked_groups"]["clients_counted"].tolist() == ["*", "0", "*", "0"]
    assert t["client_counts"].columns.tolist() == ["agency_id", "G1"]
    assert t["client_counts"]["G1"].tolist() == ["*", "*", "21"]
    assert "1 more cell is hidden" in t["notes"]["note"][1]
    with pytest.raises(shx.DataFileError, match=r"scores are written as \.csv or \.xlsx"):
        write_scores(report_network(), tmp_path / "s.json")
    path = write_scores(report_network(), tmp_path / "s.csv", threshold=3)
    back = pd.read_csv(path)
    assert back["clients_counted"].tolist() == [18, 0]


def test_data_quality_lists_allowed_duplicates() -> None:
    from selfhelp_exchange.report.quality import assess

    net = report_network()
    x = net.exchanges
    dup = shx.ExchangeNetwork(net.agencies, net.groups, net.actors, [*x, x[1]], net.initiatives)
    notes = assess(dup).notes
    assert any(
        "1 exchange record repeats another exactly" in n and "#6 repeats #2" in n for n in notes
    )
    assert not any("repeat" in n for n in assess(net).notes)


def test_robustness_section_names_robust_and_fragile_comparisons(html) -> None:
    section = html[html.index('<section id="robustness">') :]
    section = section[: section.index("</section>")]
    assert "1000 random weightings" in section
    assert "<h3>Robust (" in section
    assert "<h3>Not robust (" in section
    assert "Riverside Counselling (A1) above Harbor House (A2)" in section
    assert "rank in 95% of weightings" in section
    assert 'id="m-robustness"' in html
    assert "drawn 1000 times from Dirichlet distributions" in html
