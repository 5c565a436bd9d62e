# Stelselbeheer: two commands on a fresh machine (Python 3.11+ and make): `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
DEMO_DB := var/demo.sqlite3
AANBIEDERS ?= 2000
SEED ?= 2026
# Development mode for everything the Makefile runs (demo, tests, benchmarks): without STELSEL_SECRET_KEY a
# random per-installation key in var/ instead of a refusal to start. Production sets STELSEL_SECRET_KEY instead.
export STELSEL_ONTWIKKELING ?= 1

.PHONY: demo demo-code test lint test-sqlite test-postgres bench rooktest venv clean nlds

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 of nieuwer is nodig")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	@mkdir -p var
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	DATABASE_URL=sqlite:///$(CURDIR)/$(DEMO_DB) $(BIN)/stelsel migrate --verbosity 0
	DATABASE_URL=sqlite:///$(CURDIR)/$(DEMO_DB) $(BIN)/stelsel createcachetable
	DATABASE_URL=sqlite:///$(CURDIR)/$(DEMO_DB) $(BIN)/stelsel demo-data --aanbieders $(AANBIEDERS) --seed $(SEED)
	$(BIN)/stelsel lijsten sleutel-maken --als-die-ontbreekt
	DATABASE_URL=sqlite:///$(CURDIR)/$(DEMO_DB) $(BIN)/stelsel lijsten publiceer --reden "eerste publicatie van de demo"
	DATABASE_URL=sqlite:///$(CURDIR)/$(DEMO_DB) $(BIN)/stelsel adoptie_momentopname
	@echo "Stelselbeheer draait op http://127.0.0.1:8000 met een achtergrondwerker (stoppen met Ctrl-C)"
	export DATABASE_URL=sqlite:///$(CURDIR)/$(DEMO_DB); \
	$(BIN)/stelsel db_worker --interval 5 & WERKER=$$!; trap 'kill $$WERKER 2>/dev/null' EXIT INT TERM; \
	$(BIN)/stelsel runserver 127.0.0.1:8000 --noreload

# The current second-factor code of a demo account (staff and board log in with TOTP): make demo-code WIE=medewerker
WIE ?= medewerker
demo-code: $(STAMP)
	@DATABASE_URL=sqlite:///$(CURDIR)/$(DEMO_DB) $(BIN)/stelsel tweefactor code $(WIE)

lint: $(STAMP)
	@mkdir -p var
	$(BIN)/ruff check src tests bench deploy
	$(BIN)/stelsel makemigrations --check --dry-run --verbosity 0

# The schemathesis run (marker postgresql: the API's HTTP contract, the same on both engines) runs against the
# production engine only, where a server error is likelier (PostgreSQL refuses what SQLite stores).
test-sqlite: $(STAMP)
	@mkdir -p var
	@echo "== Tests op SQLite"
	@echo "!! de schemathesis-ronde (marker 'postgresql') draait alleen in de PostgreSQL-ronde"
	env -u DATABASE_URL $(BIN)/pytest -p no:cacheprovider -n 2 --dist loadfile -m "not postgresql"

# The real-browser tests (marker browser: the main flows, and the accessibility and layout sweep over every page type
# and role) check what the browser gets, not the database engine, which the HTTP and service tests under them run on
# both engines: they run in the SQLite round only, as do the engine-independent checks (marker eenmaal).
test-postgres: $(STAMP)
	@echo "== Tests op PostgreSQL ($(PG_URL))"
	@echo "!! de browsertests (marker 'browser', met de toegankelijkheidsronde) en de motoronafhankelijke toetsen \
	(toegangsmatrix, gegenereerde lijst-, formulier- en menutoetsen; marker 'eenmaal') draaien alleen in de SQLite-ronde"
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -p no:cacheprovider -n 2 --dist loadfile -m "not browser and not eenmaal"

# Lint, the suite on SQLite, and again on PostgreSQL when one is reachable (DATABASE_URL or 127.0.0.1:5432/test).
test: lint test-sqlite
	@if $(BIN)/python bench/pg_bereikbaar.py "$(PG_URL)"; then $(MAKE) --no-print-directory test-postgres; \
	 else echo "!! PostgreSQL niet bereikbaar op $(PG_URL): PostgreSQL-ronde OVERGESLAGEN"; \
	      if [ "$$CI" = "true" ]; then echo "!! onder CI is dat een fout"; exit 1; fi; fi

# The production stack (deploy/: gunicorn, the task worker, nginx with TLS) on PostgreSQL, started with the documented
# production environment and smoke-tested through nginx; everything is stopped again. Needs nginx (Debian package).
rooktest: $(STAMP)
	env -u STELSEL_ONTWIKKELING $(BIN)/python deploy/rooktest.py --database-url "$(PG_URL)"

# bench/productie.py starts the production stack (like rooktest: nginx, wrk from Debian, PostgreSQL) and loads it.
bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/lijsten.py
	$(BIN)/python bench/naleving.py
	$(BIN)/python bench/afsprakenset.py
	$(BIN)/python bench/wijzigingen.py
	$(BIN)/python bench/adoptie.py
	$(BIN)/python bench/importeren.py
	$(BIN)/python bench/register.py
	env -u STELSEL_ONTWIKKELING $(BIN)/python bench/productie.py

# Fetch the vendored NL Design System CSS and design tokens again from npm (pinned versions in the script).
nlds:
	scripts/nlds-ophalen.sh

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
