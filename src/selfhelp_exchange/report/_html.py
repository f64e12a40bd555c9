"""HTML building blocks of the report: the page skeleton, its stylesheet, tables, figures."""

from __future__ import annotations

import html
import io
import re
import string
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure

__all__ = ["CSS", "PAGE", "esc", "figure", "svg_of", "table"]

#: The whole stylesheet, inline: nothing is fetched. Print rules let sections flow on, keep
#: titles with what follows and figures whole, and never break a word.
CSS = """
:root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d0d0d0; --accent: #0072b2; --warn: #a14000; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: var(--ink); line-height: 1.45; margin: 0 auto; max-width: 70rem; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .3rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
     margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
p.meta, figcaption, .note { color: var(--muted); font-size: .9rem; }
nav ol { columns: 2; font-size: .95rem; }
a { color: var(--accent); }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .88rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .55rem; text-align: left;
         vertical-align: top; }
th { background: #f2f6fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.suppressed { color: var(--warn); font-weight: 600; text-align: center; }
.cards { display: flex; flex-wrap: wrap; gap: .6rem; margin: .6rem 0; }
.card { border: 1px solid var(--rule); border-radius: 6px; padding: .45rem .8rem; min-width: 9rem; }
.card .v { font-size: 1.35rem; font-weight: 650; display: block; }
.card .k { font-size: .8rem; color: var(--muted); }
ul.gaps li { color: var(--warn); }
p.ok { color: #1a7a3a; }
p.suppression-note { border-left: 4px solid var(--warn); padding: .3rem .6rem;
                     background: #fff6ef; color: var(--ink); font-size: .88rem; }
figure { margin: 1rem 0 1.6rem; break-inside: avoid; page-break-inside: avoid; }
figure .svg { overflow-x: auto; }
figure svg { max-width: 100%; height: auto; display: block; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; }
code, .formula { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; }
.formula { display: block; background: #f6f6f6; padding: .4rem .6rem; margin: .4rem 0;
           white-space: pre-wrap; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule);
         padding-top: .6rem; }
th, td { hyphens: manual; word-break: normal; overflow-wrap: normal; }
span.id { white-space: nowrap; }
@media print {
  /* flows on: sections and agencies start where the last ended, never with a lone title */
  body { max-width: none; padding: 0; font-size: 8.5pt; line-height: 1.2; }
  nav { display: none; }
  h1 { font-size: 1.5rem; }
  h2 { font-size: 1.2rem; margin-top: 1.2rem; }
  h3 { margin: .9rem 0 .3rem; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  /* an inline block is never split: a title and its figure move to the next page together */
  div.keep { display: inline-block; width: 100%; }
  figure, dl.kv, tr, .cards, .formula, ul.gaps, div.keep {
    break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  figure .svg { overflow: visible; }
  table { font-size: 7.5pt; margin: .3rem 0 .5rem; }
  table.catalogue, section#self-assessment table { font-size: 7pt; line-height: 1.15; }
  table.catalogue td { padding: .05rem .3rem; }
  th, td { padding: .15rem .4rem; }
  figure { margin: .5rem 0 .9rem; }
  figure svg { max-height: 5cm; width: auto; margin: 0 auto; }
  figure#fig-network svg { max-height: 7.5cm; }
  .card { padding: .25rem .6rem; min-width: 7rem; }
  .card .v { font-size: 1.1rem; }
  article.agency { border-top: 1px solid var(--rule); }
  a { color: inherit; text-decoration: none; }
  th { background: none; }
  /* short lists and key-value cards side by side: half the height on a page as wide as print */
  dl.kv { grid-template-columns: max-content 1fr max-content 1fr; }
  section#methods ul, ul.gaps { columns: 2; column-gap: 1.5rem; }
  section#methods li, ul.gaps li { break-inside: avoid; }
  /* what was read: table and count pairs across the page, not a column of short rows */
  table.read thead { display: none; }
  table.read tbody { display: grid; grid-template-columns: repeat(5, max-content max-content); }
  table.read tr { display: contents; }
  table.read td { border: 0; }
  /* the footer's two lines never take a page of their own */
  footer { margin-top: .8rem; padding-top: .3rem; break-before: avoid; page-break-before: avoid; }
}
@page { size: auto; margin: 12mm 12mm; }
"""

#: The page skeleton (``string.Template``): title, style, body.
PAGE = string.Template(
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="selfhelp-exchange $version">
<title>$title</title>
<style>$css</style>
</head>
<body>
$body
</body>
</html>
"""
)


def esc(value: object) -> str:
    """HTML-escape any value's text (quotes too)."""
    return html.escape(str(value), quote=True)


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    numeric: Sequence[int] = (),
    cls: str | None = None,
    cell_class: Callable[[int, int, Any], str | None] | None = None,
) -> str:
    """An HTML table; cells are escaped unless given as ``Markup``.

    ``numeric`` column positions are right-aligned; ``cell_class(row, col, value)`` may add a
    class to a cell (``count`` for counts of people, ``suppressed`` for hidden ones).
    """
    out = [f"<table{f' class={esc(cls)!r}' if cls else ''}>", "<thead><tr>"]
    out += [
        f'<th{" class=num" if j in numeric else ""} scope="col">{esc(h)}</th>'
        for j, h in enumerate(header)
    ]
    out.append("</tr></thead><tbody>")
    for i, row in enumerate(rows):
        out.append("<tr>")
        for j, v in enumerate(row):
            classes = ["num"] if j in numeric else []
            extra = cell_class(i, j, v) if cell_class else None
            if extra:
                classes.append(extra)
            attr = f' class="{" ".join(classes)}"' if classes else ""
            text = v.html if isinstance(v, Markup) else esc(v)
            out.append(f"<td{attr}>{text}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


class Markup:
    """Text that is already HTML (not escaped again by :func:`table`)."""

    def __init__(self, html_text: str) -> None:
        self.html = html_text

    def __str__(self) -> str:
        return self.html


_XML_HEAD = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
#: White space around a figure's tight box (inches), as matplotlib's ``savefig.pad_inches``.
PAD_INCHES = 0.1


def _svg_renderer(fig: Figure) -> RendererBase:
    """A renderer measuring text as the SVG writer does (at its 72 dots an inch), drawing nothing."""
    from matplotlib.backends.backend_svg import RendererSVG

    fig.set_dpi(72)  # the SVG writer's resolution; the figure is only ever saved as SVG
    width, height = 72 * fig.get_figwidth(), 72 * fig.get_figheight()
    return RendererSVG(width, height, io.StringIO())  # type: ignore[no-untyped-call]


def svg_of(draw: Callable[[], Axes], *, label: str) -> str:
    """Run ``draw`` (which returns an Axes), and return its figure as inline SVG markup.

    Text stays text (``svg.fonttype = 'none'``; the reader's fonts draw it, so it stays
    searchable and sharp in print); ids are salted so the output is the same every run; the
    XML prolog and metadata are dropped, and the root gets ``role="img"`` and a label.

    The figure is cut to its tight box (padded :data:`PAD_INCHES`), measured before it is
    drawn: ``bbox_inches="tight"`` measures it by drawing the whole figure once more, which
    took a third of a 50-agency report's time.
    """
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "selfhelp-exchange"}):
        ax = draw()
        fig = ax.get_figure(root=True)
        assert fig is not None  # an Axes that was drawn on belongs to a figure
        buf = io.StringIO()
        try:
            # the tight box needs text measured, not the figure drawn (ticks and legends are
            # placed as they are measured)
            box = fig.get_tightbbox(_svg_renderer(fig)).padded(PAD_INCHES)
            fig.savefig(buf, format="svg", bbox_inches=box, metadata={"Date": None})
        finally:
            plt.close(fig)
    text = _METADATA.sub("", _XML_HEAD.sub("", buf.getvalue(), count=1), count=1)

    def root(m: re.Match[str]) -> str:
        tag = m.group(0)[:-1]
        return f'{tag} role="img" aria-label="{esc(label)}">'

    return _SVG_OPEN.sub(root, text, count=1)


def figure(fid: str, svg: str, caption: str, *, note: str = "") -> str:
    """A numbered figure block: the SVG and its caption (``caption`` is HTML)."""
    extra = f'<p class="suppression-note">{esc(note)}</p>' if note else ""
    return (
        f'<figure id="{esc(fid)}" class="chart"><div class="svg">{svg}</div>'
        f"<figcaption>{caption}</figcaption>{extra}</figure>"
    )
