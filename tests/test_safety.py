"""A review of the code, by machine: no pickle, eval or unsafe XML parser anywhere in the package.

The package reads files from other systems and typed by hand. Such data must never be able to
run code (pickle, marshal, eval, exec, a shell) or make an XML parser expand entities or fetch
external resources: XML is read with :mod:`defusedxml` only. The check walks the syntax tree of
every module, so comments and docstrings that mention these names do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "selfhelp_exchange"

#: Modules that deserialize to code or objects, parse XML unsafely, or run a shell.
UNSAFE_MODULES = {
    "pickle": "pickle runs code from the data it loads",
    "cPickle": "pickle runs code from the data it loads",
    "_pickle": "pickle runs code from the data it loads",
    "dill": "dill is pickle",
    "cloudpickle": "cloudpickle is pickle",
    "joblib": "joblib loads pickles",
    "shelve": "shelve is pickle",
    "marshal": "marshal loads code objects",
    "xml.etree": "use defusedxml.ElementTree",
    "xml.dom": "use defusedxml.minidom",
    "xml.sax": "use defusedxml.sax",
    "xml.parsers.expat": "use defusedxml",
    "lxml": "use defusedxml (lxml resolves entities unless told not to)",
    "yaml": "YAML is not a format of this library",
    "subprocess": "the library runs no programs",
}
#: Names imported from an unsafe module that hold no parser (exception classes).
ALLOWED_FROM = {("xml.etree.ElementTree", "ParseError")}
#: Built-in functions that run text as code (called by name: re.compile is fine).
UNSAFE_BUILTINS = {
    "eval": "eval runs text as code",
    "exec": "exec runs text as code",
    "compile": "compile makes code from text",
    "__import__": "imports named by data",
}
#: Methods and functions that load pickles, parse XML unsafely or run a shell.
UNSAFE_CALLS = {
    "system": "os.system runs a shell",
    "popen": "os.popen runs a shell",
    "read_pickle": "pandas.read_pickle loads a pickle",
    "to_pickle": "pickles are not an output of this library",
    "read_xml": "pandas.read_xml uses lxml or the standard parser, not defusedxml",
    "literal_eval": "not needed: JSON is the format for structured text",
}


def _problems(tree: ast.AST, where: str) -> list[str]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                out += [
                    f"{where}:{node.lineno}: import {alias.name}: {why}"
                    for mod, why in UNSAFE_MODULES.items()
                    if alias.name == mod or alias.name.startswith(f"{mod}.")
                ]
        elif isinstance(node, ast.ImportFrom) and node.module:
            for mod, why in UNSAFE_MODULES.items():
                if node.module == mod or node.module.startswith(f"{mod}."):
                    out += [
                        f"{where}:{node.lineno}: from {node.module} import {a.name}: {why}"
                        for a in node.names
                        if (node.module, a.name) not in ALLOWED_FROM
                    ]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            unsafe = UNSAFE_BUILTINS if isinstance(func, ast.Name) else {}
            if name in unsafe or name in UNSAFE_CALLS:
                why = unsafe.get(name) or UNSAFE_CALLS[name]
                out.append(f"{where}:{node.lineno}: {name}(): {why}")
            for kw in node.keywords:
                if kw.arg == "allow_pickle" and not (
                    isinstance(kw.value, ast.Constant) and kw.value.value is False
                ):
                    out.append(f"{where}:{node.lineno}: allow_pickle: numpy would load a pickle")
                if kw.arg == "shell" and not (
                    isinstance(kw.value, ast.Constant) and kw.value.value is False
                ):
                    out.append(f"{where}:{node.lineno}: shell=True runs a shell")
            if name == "load" and isinstance(func, ast.Attribute):
                owner = func.value
                if isinstance(owner, ast.Name) and owner.id == "yaml":
                    out.append(f"{where}:{node.lineno}: yaml.load without SafeLoader")
    return out


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_the_package_has_modules_to_review() -> None:
    assert len(_modules()) > 20


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_pickle_eval_shell_or_unsafe_xml(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = str(path.relative_to(SRC))
    allowed = RUNS_A_PROGRAM.get(where)
    problems = [p for p in _problems(tree, where) if not (allowed and f": {allowed}:" in p)]
    assert not problems, "\n".join(problems)


#: The one module allowed to run a program, and the import it may make: ``report --pdf``
#: starts the user's own Chromium with a fixed argument list (never a shell; the test above
#: still refuses ``shell=True`` there).
RUNS_A_PROGRAM = {"report/pdf.py": "import subprocess"}


@pytest.mark.parametrize(
    ("snippet", "found"),
    [
        ("import pickle", "import pickle"),
        ("from pickle import loads", "from pickle import loads"),
        ("import xml.etree.ElementTree as ET", "import xml.etree.ElementTree"),
        ("from xml.etree.ElementTree import parse", "from xml.etree.ElementTree import parse"),
        ("from xml.dom import minidom", "from xml.dom import minidom"),
        ("import lxml.etree", "import lxml.etree"),
        ("eval('1')", "eval()"),
        ("exec('x = 1')", "exec()"),
        ("import os\nos.system('ls')", "system()"),
        ("import subprocess", "import subprocess"),
        ("run(['ls'], shell=True)", "shell=True"),
        ("np.load('x.npy', allow_pickle=True)", "allow_pickle"),
        ("pd.read_pickle('x')", "read_pickle()"),
        ("yaml.load(text)", "yaml.load"),
    ],
)
def test_the_review_finds_what_it_looks_for(snippet: str, found: str) -> None:
    problems = _problems(ast.parse(snippet), "snippet")
    assert any(found in p for p in problems), problems


@pytest.mark.parametrize(
    "snippet",
    [
        "import defusedxml.ElementTree as DET",
        "from xml.etree.ElementTree import ParseError",
        "import json\njson.loads('{}')",
        "import re\nre.compile('x')",
        "np.load('x.npy', allow_pickle=False)",
        "# pickle eval exec\n'''import pickle'''",
    ],
)
def test_the_review_lets_safe_code_pass(snippet: str) -> None:
    assert _problems(ast.parse(snippet), "snippet") == []


def test_xml_is_read_with_defusedxml_refusing_dtds() -> None:
    text = (SRC / "io" / "_graphml_read.py").read_text(encoding="utf-8")
    assert "defusedxml" in text
    assert "forbid_dtd=True" in text
