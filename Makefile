# The two commands a new user runs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint types unit docs notebooks examples install dev clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

# prints the Riverside summary and writes its report to build/riverside-report.html
demo: $(VENV)/.installed
	$(BIN)/python -m selfhelp_exchange demo --force

lint: dev
	$(BIN)/ruff check src tests benchmarks examples docs
	$(BIN)/ruff format --check src tests benchmarks examples docs

types: dev
	$(BIN)/mypy

unit: dev
	$(BIN)/python -m pytest -q -p no:cacheprovider tests src/selfhelp_exchange --doctest-modules

# The site, built from scratch (-E, and no pages left over from renamed examples or names) with
# every warning an error. The build also runs every notebook (myst-nb, raising on the first
# error) and every example (sphinx-gallery, aborting on an error), so `test` needs no separate
# `notebooks` or `examples` step.
docs: dev
	rm -rf docs/api/generated docs/auto_examples
	$(BIN)/sphinx-build -W --keep-going -E -q -b html docs docs/_build/html

# Run the notebooks or the examples on their own, without building the site. Each runs in a
# scratch folder, so nothing it writes lands in the repository.
notebooks: dev
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	for nb in notebooks/*.md; do \
		[ -e "$$nb" ] || continue; \
		name=$$(basename "$$nb" .md); echo "notebook $$nb"; \
		$(BIN)/jupytext --quiet --to ipynb --output "$$tmp/$$name.ipynb" "$$nb" || exit 1; \
		MPLBACKEND=Agg $(BIN)/jupyter-execute --timeout=300 "$$tmp/$$name.ipynb" || exit 1; \
	done

examples: dev
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	for ex in examples/*.py; do \
		[ -e "$$ex" ] || continue; \
		echo "example $$ex"; \
		(cd "$$tmp" && MPLBACKEND=Agg $(abspath $(BIN))/python "$(CURDIR)/$$ex") || exit 1; \
	done

test: lint types unit docs

bench: dev
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
	rm -rf docs/_build docs/api/generated docs/auto_examples docs/notebooks
