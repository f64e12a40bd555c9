"""Bad inputs for every reader, and the rule every read must follow.

The rule (:func:`read_or_refuse`): a read either succeeds, and then the caller checks that every
record of the input is accounted for, or raises a :class:`~selfhelp_exchange.SelfHelpExchangeError`
whose message is not empty and names the file. Any other exception, or a read that takes longer
than :data:`TIME_LIMIT` seconds, fails the test.
"""

from __future__ import annotations

import contextlib
import json
import signal
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx

T = TypeVar("T")

#: Seconds one read may take before it counts as a hang.
TIME_LIMIT = 20.0

#: The hypothesis settings of the suite: the loaded profile's number of examples (``ci-small``:
#: 60 under CI), no deadline (the time limit above catches hangs without flaky timings).
ADVERSARIAL = settings(
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
        HealthCheck.large_base_example,
    ],
)


class Hang(Exception):  # the name says what happened
    """A read ran past the time limit."""


@contextlib.contextmanager
def time_limit(seconds: float = TIME_LIMIT) -> Iterator[None]:
    """Raise :class:`Hang` in the block if it runs longer than ``seconds`` (POSIX only)."""
    if not hasattr(signal, "SIGALRM"):  # Windows: no alarm; hypothesis still reports slowness
        yield
        return

    def alarm(_signum: int, _frame: object) -> None:
        msg = f"the read took longer than {seconds} s"
        raise Hang(msg)

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


#: reader -> number of generated inputs tried this session (printed at the end of the run)
TRIED: Counter[str] = Counter()
#: (reader, "read" or "refused") -> number of reads that ended so
OUTCOMES: Counter[tuple[str, str]] = Counter()


def read_or_refuse(read: Callable[[], T], *, file: str | None, reader: str) -> T | None:
    """The result of ``read()``, or None when it refused the input the library's way.

    A refusal must be a :class:`~selfhelp_exchange.SelfHelpExchangeError` with a message that
    is not empty and that names ``file`` (when the input was a file). ``reader`` names the
    reader in the session's tally.
    """
    try:
        with time_limit():
            result = read()
    except shx.SelfHelpExchangeError as exc:
        refusal = exc
    else:
        OUTCOMES[reader, "read"] += 1
        return result
    OUTCOMES[reader, "refused"] += 1
    check_refusal(refusal, file)
    return None


def check_refusal(exc: shx.SelfHelpExchangeError, file: str | None) -> None:
    """A refusal says what is wrong, and where."""
    message = str(exc)
    assert message.strip(), f"{type(exc).__name__} with an empty message"
    if file is not None:
        assert file in message, f"the message does not name the file {file}:\n{message}"
    if isinstance(exc, shx.DataFileError):
        assert exc.problems, "a DataFileError lists at least one problem"
        assert all(p.message.strip() for p in exc.problems), "a problem has no message"


# --------------------------------------------------------------------------- text and values
#: Text that breaks careless code: controls, NUL, line ends, BOM, bidi and zero-width marks,
#: combining marks, astral characters, formula starts, XML and CSV specials, lone surrogates.
NASTY = (
    "",
    " ",
    "\x00",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\ufeff",
    "\u200b",
    "\u200d",
    "\u2028",
    "\u202e",
    "\u200f",
    "\u0301",
    "\U0001f600",
    "\ud800",
    "\udfff",
    "\uffff",
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "'=x",
    '"',
    '""',
    ",",
    ";",
    "<",
    "&amp;",
    "]]>",
    "_x0041_",
    "NaN",
    "Infinity",
    "-inf",
    "1e999",
    "9" * 400,
    "0000-01-01",
    "2024-02-30",
    "25:61",
    "true",
    "null",
    "{}",
    "[",
)

#: Any text, every Unicode category (surrogates included).
any_text = st.text(st.characters(exclude_categories=()), max_size=30)
#: Text built from the nasty pieces and any characters.
nasty_text = st.lists(st.sampled_from(NASTY) | any_text, min_size=1, max_size=4).map("".join)
#: Long text: up to 131,072 characters, one of a few kinds (each reader's module also reads
#: one cell or field of a million characters, once: generating many would only cost time).
long_text = st.builds(
    lambda k, c: c * (2**k),
    st.integers(10, 17),
    st.sampled_from(["x", "\u00e9", "\U0001f600", "=", ",", '"', "\n"]),
)
text_values = nasty_text | any_text | long_text
#: Text that is almost a date, or a date Python cannot hold, or a real one.
date_texts = st.sampled_from(
    [
        "0000-01-01",
        "2024",
        "2024-01",
        "12345-01-01",
        "+2024-01-01",
        "-001-01-01",
        "2024-01-01T10:00",
        " 2024-01-01",
        "2024-01-01 ",
        "9" * 50,
        "2024-02-30",
        "2024-13-01",
        "20240101",
        "\u0662\u0660\u0662\u0664-01-01",
        "NaT",
        "today",
    ]
) | st.dates().map(str)

#: Numbers a careless reader mishandles: huge whole numbers, NaN, infinities, subnormals.
numbers = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -0.0, 5e-324, 1.7976931348623157e308, 2**63, -(2**63) - 1, 10**30]),
)

#: Any JSON value (NaN and infinities too: ``json.dumps`` writes them as bare tokens).
json_values = st.recursive(
    st.none() | st.booleans() | numbers | text_values,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=8,
)


def dumps(value: Any) -> str:
    """JSON text of any value: NaN and infinities as bare tokens, surrogates as escapes."""
    return json.dumps(value, allow_nan=True, ensure_ascii=True)


# --------------------------------------------------------------------------- byte mutations
@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` damaged the way files get damaged: cut short, bytes flipped, junk let in."""
    if not data:
        return draw(st.binary(max_size=64))
    op = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "repeat", "splice"]))
    at = draw(st.integers(0, len(data) - 1))
    if op == "truncate":
        return data[:at]
    if op == "flip":
        n = draw(st.integers(1, 8))
        out = bytearray(data)
        for k in range(n):
            pos = (at + k * draw(st.integers(1, 997))) % len(out)
            out[pos] ^= draw(st.integers(1, 255))
        return bytes(out)
    if op == "insert":
        junk = draw(
            st.binary(min_size=1, max_size=64)
            | text_values.map(lambda t: t.encode("utf-8", "surrogatepass")[:4096])
        )
        return data[:at] + junk + data[at:]
    if op == "delete":
        end = draw(st.integers(at, min(len(data), at + 64)))
        return data[:at] + data[end:]
    if op == "repeat":
        end = draw(st.integers(at, min(len(data), at + 256)))
        return data[:end] + data[at:end] * draw(st.integers(1, 50)) + data[end:]
    # splice: line endings changed, or a byte-order mark put in front
    choice = draw(st.sampled_from(["crlf", "cr", "bom", "bom-twice"]))
    if choice == "crlf":
        return data.replace(b"\n", b"\r\n")
    if choice == "cr":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    bom = b"\xef\xbb\xbf"
    return bom + data if choice == "bom" else bom + bom + data


random_bytes = st.binary(max_size=4096)

#: A megabyte of text, for one very long cell or field per reader.
MEGABYTE = "\u00e9" * (1 << 19) + "x" * (1 << 19)


# --------------------------------------------------------------------------- JSON structure
def _slots(value: Any, out: list[tuple[Any, Any]]) -> None:
    """Every (container, key) in a JSON tree, containers first."""
    if isinstance(value, dict):
        for k, v in value.items():
            out.append((value, k))
            _slots(v, out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.append((value, i))
            _slots(v, out)


@st.composite
def corrupted(draw: st.DrawFn, tree: Any) -> Any:
    """A JSON tree with a few values replaced by wrong types, removed, or keys added."""
    tree = json.loads(json.dumps(tree))  # a private copy
    for _ in range(draw(st.integers(1, 3))):
        slots: list[tuple[Any, Any]] = []
        _slots(tree, slots)
        if not slots:
            return draw(json_values)
        container, key = draw(st.sampled_from(slots))
        op = draw(st.sampled_from(["replace", "replace", "remove", "add", "copy"]))
        if op == "replace":
            container[key] = draw(json_values)
        elif op == "copy":  # another value of the file here: repeated ids, wrong references
            source, skey = draw(st.sampled_from(slots))
            container[key] = json.loads(json.dumps(source[skey]))
        elif op == "remove":
            del container[key]
        elif isinstance(container, dict):
            container[draw(any_text)] = draw(json_values)
        else:
            container.insert(key, draw(json_values))
    return tree


def nested(depth: int, kind: str) -> str:
    """JSON nested ``depth`` levels deep: arrays, or objects with one key."""
    if kind == "array":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


def strict_json(text: str) -> Any:
    """What a strict reader takes from JSON text: None if it is not JSON or repeats a name."""
    repeated = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({k for k, _ in items}) != len(items):
            repeated.append(items)
        return dict(items)

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return None
    return None if repeated else data


deep_json = st.builds(
    nested, st.sampled_from([100, 1_000, 10_000, 100_000]), st.sampled_from(["array", "object"])
)

#: JSON text as a cell or a field might hold it: any value, repeated names, deep nesting.
json_texts = st.one_of(
    json_values.map(dumps),
    st.dictionaries(st.text(max_size=3), json_values, max_size=3).map(dumps),
    st.sampled_from(['{"a": 1, "a": 2}', '{"a": {"b": 1}}', '{"a": NaN}', "{", '{"a": 1} x']),
    deep_json,
)
