# Casebase front door. See README.md; the targets are a contract (shared CONTRACTS.md §1).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup system-deps es-start es-stop run test demo-data

# Installs only when requirements.txt changed since the last install.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# The checkers the tests run (axe-core, the Nu Html Checker's vnu.jar), pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

# Debian packages the site and the tests need (CJK fonts, Chromium, poppler).
system-deps:
	scripts/system-deps.sh

es-start:
	scripts/elasticsearch.sh start

es-stop:
	scripts/elasticsearch.sh stop

demo-data: setup es-start
	$(MANAGE) migrate --noinput
	$(MANAGE) load_reference_data
	$(MANAGE) setup_site
	$(MANAGE) load_demo_data
	$(MANAGE) update_index
	$(MANAGE) rebuild_search_index

run: system-deps demo-data
	scripts/serve.sh $(HOST) $(PORT)

test: system-deps setup es-start
	$(PY) -m pytest $(PYTEST_ARGS)
