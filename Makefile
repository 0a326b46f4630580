# Indblik. Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.run-$(shell cat requirements.txt | sha256sum | cut -c1-12)
DEV_STAMP := $(VENV)/.dev-$(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)

.PHONY: run test test-fast demo bench bench-national screenshots clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# `make run` installs only what the app needs; the test tools come with `make test`
$(RUN_STAMP): requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.run-*
	touch $(RUN_STAMP)

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.dev-*
	touch $(DEV_STAMP)

## run: start Indblik on http://localhost:8501 (creates data/indblik.db with demo data on first start)
run: $(RUN_STAMP)
	$(PY) -m streamlit run app.py

## test: the whole suite (SQLite always; PostgreSQL via INDBLIK_TEST_POSTGRES_URL; browser via chromium)
test: $(DEV_STAMP)
	$(VENV)/bin/ruff check --quiet .
	$(PY) -m pytest -q

## test-fast: everything but the browser tests (a developer's quick round)
test-fast: $(DEV_STAMP)
	$(VENV)/bin/ruff check --quiet .
	$(PY) -m pytest -q -m "not browser"

## demo: (re)create the demo database explicitly
demo: $(RUN_STAMP)
	rm -f data/indblik.db data/indblik.db-wal data/indblik.db-shm
	$(PY) -m data.demo

## bench: benchmarks of the page queries at demo scale, app path vs naive path, medians
bench: $(DEV_STAMP)
	$(PY) -m bench.trivsel
	$(PY) -m bench.overgange sqlite:///data/indblik.db
	$(PY) -m bench.effekt --demo-only
	$(PY) -m bench.overblik sqlite:///data/indblik.db
	$(PY) -m bench.explore sqlite:///data/indblik.db
	$(PY) -m bench.access
	$(PY) -m bench.report

## bench-national: every page's query set, SQLite and PostgreSQL, demo and national scale, vs naive and DuckDB
## (generates the national data first when missing: bench.generate, ~13 min at --fraction 0.25 on 2 cores)
NATIONAL_PG ?= postgresql+psycopg://postgres@127.0.0.1:5432/indblik_national
DEMO_PG ?= postgresql+psycopg://postgres@127.0.0.1:5432/indblik_demo
NATIONAL_FRACTION ?= 0.25
bench-national: $(DEV_STAMP)
	$(PY) -c "from data.db import prepare; prepare()"
	test -f bench/national.db || $(PY) -m bench.generate --scale national --fraction $(NATIONAL_FRACTION) \
		--database-url sqlite:///bench/national.db --database-url $(NATIONAL_PG)
	$(PY) -m bench.national_pages --demo sqlite:///data/indblik.db --demo $(DEMO_PG) \
		--national sqlite:///bench/national.db --national $(NATIONAL_PG)

## screenshots: every page at 1920x1080 and 1280x720 into screenshots/
screenshots: $(DEV_STAMP)
	$(PY) -m tests.browser.screenshots

clean:
	rm -rf $(VENV) .pytest_cache
