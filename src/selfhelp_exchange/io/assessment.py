"""The evaluator's self-assessment answers: the ``self_assessment`` sheet, and its JSON form.

The sheet sits in the evaluator workbook beside the network's tables (the blank template lists
every item, answers empty); in a CSV folder it is ``self_assessment.csv``; in a JSON network
file it is the optional top-level list ``"self_assessment"`` of objects with ``item_id``,
``answer`` and ``evidence`` (the network readers leave it alone). It is checked with the same
rules and messages as the network's tables: every problem at once, with file, sheet, row,
column, value and what would be valid.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.io._csvdir import read_folder
from selfhelp_exchange.io._limits import MAX_BYTES, Limits
from selfhelp_exchange.io._reading import loads_json, read_text
from selfhelp_exchange.io._sheet import RawTable, Sheet
from selfhelp_exchange.io._xlsx import read_workbook
from selfhelp_exchange.selfassessment_items import ITEMS, Answer, ItemAnswer

__all__ = ["SHEET", "read_self_assessment", "self_assessment_from_table"]

#: The sheet (and CSV file stem, and JSON key) holding the answers.
SHEET = "self_assessment"
_COLUMNS = ("item_id", "section", "question", "answer", "evidence")


def read_self_assessment(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES
) -> dict[str, ItemAnswer]:
    """Read the evaluator's answers from a workbook, a CSV folder or a JSON network file.

    Parameters
    ----------
    path : str or path-like
        An ``.xlsx`` workbook (sheet ``self_assessment``), a ``.json`` network file (key
        ``self_assessment``) or a folder of CSV tables (``self_assessment.csv``).
    max_bytes : int
        Files larger than this are refused before parsing (default 2 GiB).

    Returns
    -------
    dict of str to ItemAnswer
        Item id to answer and evidence, for every item with an answer or evidence; hand it to
        :func:`~selfhelp_exchange.self_assessment`. A file without the sheet gives ``{}``.

    Raises
    ------
    DataFileError
        Listing every problem: an unknown item id (with the valid ids), an item given twice,
        an answer outside yes/partly/no/unknown, an answer to an item computed from the data,
        unknown or repeated columns; or a file that cannot be read.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> from selfhelp_exchange.datasets import example_path
    >>> answers = shx.read_self_assessment(example_path("riverside"))
    >>> answers["KP2"].answer.value
    'partly'
    """
    p = Path(path)
    limits = Limits(max_bytes=max_bytes)
    if p.suffix.lower() == ".json":
        return _from_json(p, max_bytes)
    tables = read_workbook(p, limits) if p.suffix.lower() == ".xlsx" else read_folder(p, limits)
    raw = tables.get(SHEET)
    assert raw is None or isinstance(raw, RawTable)  # only exchanges.csv is ever coded
    return self_assessment_from_table(raw)


def self_assessment_from_table(raw: RawTable | None) -> dict[str, ItemAnswer]:
    """The answers of one ``self_assessment`` table (None: no sheet, no answers)."""
    problems: list[Problem] = []
    sheet = Sheet(SHEET, raw, problems)
    ids = sheet.text("item_id")
    answers = sheet.enum("answer")
    evidence = sheet.text("evidence")
    choices = sheet.spec["answer"].choices
    by_id = {i.id: i for i in ITEMS}
    valid = ", ".join(by_id)
    seen: dict[str, int] = {}
    out: dict[str, ItemAnswer] = {}
    for i in range(sheet.n):
        key = ids[i]
        if key is None:
            continue
        item = by_id.get(key.strip())
        if item is None:
            sheet.add(i, "item_id", key, f"{key!r} is not a self-assessment item (valid: {valid})")
            continue
        if item.id in seen:
            sheet.add(
                i,
                "item_id",
                key,
                f"item {item.id} is already answered in row {seen[item.id]}; keep one row per item",
            )
            continue
        seen[item.id] = int(sheet.rows[i])
        answer = None if answers[i] < 0 else Answer(choices[answers[i]])
        if answer is not None and item.computed:
            sheet.add(
                i,
                "answer",
                answer.value,
                f"item {item.id} is computed from the data ({item.computed_from}); leave "
                "'answer' empty (notes go in 'evidence')",
            )
            continue
        if not sheet.bad[i] and (answer is not None or evidence[i] is not None):
            out[item.id] = ItemAnswer(answer, evidence[i])
    if problems:
        raise DataFileError(problems)
    return out


def _from_json(path: Path, max_bytes: int) -> dict[str, ItemAnswer]:
    text, _ = read_text(path, max_bytes=max_bytes)
    shown = str(path)
    data, keys = loads_json(text, file=shown, what="a self-assessment file")
    if keys.repeated:
        raise DataFileError(
            [
                Problem(
                    f"key {k!r} appears more than once in one JSON object; keep one", file=shown
                )
                for k in dict.fromkeys(keys.repeated)
            ]
        )
    items = data.get(SHEET, []) if isinstance(data, Mapping) else []
    if not isinstance(items, list) or not all(isinstance(x, Mapping) for x in items):
        raise DataFileError(
            [
                Problem(
                    f"{SHEET!r} must be a list of objects (item_id, answer, evidence)", file=shown
                )
            ]
        )
    unknown = sorted({str(k) for x in items for k in x} - set(_COLUMNS))
    if unknown:
        raise DataFileError(
            [
                Problem(
                    f"unknown field {k!r} in {SHEET!r} (valid: {', '.join(_COLUMNS)})",
                    file=shown,
                    sheet=SHEET,
                    column=k,
                )
                for k in unknown
            ]
        )

    def cell(v: Any) -> str:
        return "" if v is None else str(v)

    cells = tuple(
        np.array([cell(x.get(c)) for x in items], dtype=object).reshape(len(items))
        for c in _COLUMNS
    )
    # a JSON item's "row" is its position in the list, from 1
    raw = RawTable(shown, _COLUMNS, cells, np.arange(1, len(items) + 1, dtype=np.int64))
    return self_assessment_from_table(raw)
