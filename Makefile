# spaceplan: `make run` (default study, offline) and `make test` set everything up themselves.
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
OUT    ?= out
export NUMBA_CACHE_DIR ?= $(CURDIR)/.numba-cache
export MPLBACKEND ?= Agg

.PHONY: install run test bench fuzz clean

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found; run 'make PYTHON=python3 ...'" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/spaceplan study --out $(OUT)

test: $(STAMP)
	$(PY) -m pytest -q -n 2 tests

bench: $(STAMP)
	$(PY) benchmarks/run.py

# Property tests at 10,000 examples per target and Lambert over 10^6 geometries (minutes).
fuzz: $(STAMP)
	$(PY) tests/fuzz/report.py

clean:
	rm -rf $(VENV) $(OUT) .numba-cache .venv-peers .venv-hapsira build *.egg-info
