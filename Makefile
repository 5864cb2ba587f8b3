# The README names these targets. `make run` sets up everything and serves the site;
# `make test` runs the test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1:8000

.PHONY: run setup install data test test-all browser cluster lint bench bench-gunicorn page-checks messages clean audit

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-dev.txt

setup: install
	$(PY) manage.py translations compile
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0

data:
	$(PY) manage.py load_demo_data $(DEMO_ARGS)
	HOST=$(HOST) $(PY) manage.py create_demo_accounts --demo

# The task worker (invitations, reminders) runs beside the development server and stops with it.
run: setup data
	$(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=on $(PY) manage.py runserver $(HOST)

test: install
	$(PY) manage.py translations compile
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

browser: install
	$(PY) manage.py translations compile
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

# nginx in front of two gunicorn app servers on one PostgreSQL database, Redis and an S3 server
# (moto), all started by the test (tests/cluster/); needs nginx, redis-server and PostgreSQL.
cluster: install
	$(PY) manage.py translations compile
	$(BIN)/pytest -m cluster -s tests/cluster $(PYTEST_ARGS)

lint: install
	$(PY) manage.py translations compile
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py translations check

messages: install
	$(PY) manage.py makemessages -l fa --no-obsolete --no-location --ignore='.venv/*' --ignore='staticfiles/*' --ignore='bench/page_checks/node_modules/*'
	$(PY) manage.py translations fill

bench: install
	$(BIN)/python bench/run.py

# Worker class, workers, threads, worker_connections and max_requests compared in one run.
bench-gunicorn: install
	$(BIN)/python bench/gunicorn_matrix.py

# Lighthouse (mobile) and the Nu Html Checker on one page of every public page type.
page-checks: install
	cd bench/page_checks && npm install --no-audit --no-fund
	$(BIN)/python bench/page_checks.py

# Dependency and code audit. pip-audit needs PyPI's JSON API (or OSV) for the vulnerability
# data; --strict makes an unreachable service a failure instead of a silent "no known
# vulnerabilities".
audit: install
	$(BIN)/bandit -q -c pyproject.toml -r moqdad neighborhoods martyrs exhibition -x '*/tests/*,moqdad/testing.py'
	$(BIN)/pip-audit --strict --progress-spinner off -r requirements.txt || { \
		echo "make audit: pip-audit could not audit every pinned package (see above)."; \
		echo "If it says 'not found on PyPI', the vulnerability service is unreachable here."; \
		exit 1; }

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media
