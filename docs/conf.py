"""Sphinx configuration for the selfhelp-exchange documentation.

Neither the build nor the built site needs a network: intersphinx is not loaded, MathJax is
copied into the site (sphinx-mathjax-offline), and notebooks run on a local kernel.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
SRC = ROOT / "src"

# Document the code of this checkout (not whatever copy is installed), in Sphinx itself, in the
# sphinx-gallery examples (same process) and in the notebook kernels (child processes).
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(DOCS / "_ext"))
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(SRC), os.environ.get("PYTHONPATH", "")) if p
)
# This process (autodoc, sphinx-gallery) draws off screen; the notebook kernels, child
# processes, get the inline backend so that their figures land in the pages (an inherited
# MPLBACKEND=Agg would leave the notebooks without figures).
os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"

import matplotlib

matplotlib.use("Agg")

import selfhelp_exchange


def _sync_notebooks() -> None:
    """Mirror ../notebooks/*.md into docs/notebooks/ (Sphinx reads only its source folder).

    Files are copied only when their bytes differ, so an unchanged notebook is not re-read.
    """
    src, dst = ROOT / "notebooks", DOCS / "notebooks"
    dst.mkdir(exist_ok=True)
    wanted = {p.name: p for p in src.glob("*.md")}
    for stale in dst.glob("*.md"):
        if stale.name not in wanted:
            stale.unlink()
    for name, path in wanted.items():
        target = dst / name
        if not target.exists() or target.read_bytes() != path.read_bytes():
            shutil.copyfile(path, target)


_sync_notebooks()

project = "selfhelp-exchange"
author = "selfhelp-exchange developers"
copyright = "selfhelp-exchange developers"
release = selfhelp_exchange.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",  # ships MathJax with the site: formulas render without a network
    "numpydoc",
    "myst_nb",
    "sphinx_gallery.gen_gallery",
    "shx_docs",
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb"}
exclude_patterns = ["_build", "**.ipynb_checkpoints", "auto_examples/*.ipynb"]
templates_path = ["_templates"]
root_doc = "index"

# -- API reference -----------------------------------------------------------------------------
autosummary_generate = True
autosummary_imported_members = True
autodoc_typehints = "none"  # numpydoc's Parameters sections carry the types
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_attributes_as_param_list = False
numpydoc_xref_param_type = False

# -- MyST and notebooks --------------------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
nb_execution_mode = "force"  # every build runs every notebook: `make test` relies on it
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_execution_show_tb = True
nb_merge_streams = True

# -- Gallery (examples/) ---------------------------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r".*\.py$",  # run every example, not only plot_*
    "ignore_pattern": r"(__init__|conftest)\.py$",
    "abort_on_example_error": True,
    "run_stale_examples": True,  # rerun unchanged examples too: the code they call may have changed
    "only_warn_on_example_error": False,
    "download_all_examples": False,
    "remove_config_comments": True,
    "reference_url": {},  # no links to other sites' docs: nothing fetched
    "backreferences_dir": None,
    "show_memory": False,
    "plot_gallery": "True",
    "within_subsection_order": "FileNameSortKey",
    "matplotlib_animations": False,
    "image_scrapers": ("matplotlib",),
    "capture_repr": (),  # show what scripts print, not the repr of their last expression
    "min_reported_time": 1e9,  # keep timing tables out of the pages
    "write_computation_times": False,
}

# -- HTML ----------------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"selfhelp-exchange {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "navbar_align": "left",
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
    "secondary_sidebar_items": ["page-toc"],
}
html_context = {"default_mode": "light"}
html_show_sourcelink = False
html_last_updated_fmt = None
