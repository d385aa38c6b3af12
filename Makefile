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

# Property tests at 10,000 examples per target (the CLI property test: every command, the same test as
# 'make test' runs at 200) and Lambert over 10^6 geometries.  Measured 2026-12-07 on one core of the shared
# 2-core machine (load ~17): the CLI commands' own time was 26 min at 2,500 examples per command, so ~71 min at
# 10,000, plus ~35 min for study/claims/sweep and the other targets; two workers about halve it
# (ms/example per command in the table it prints).  Progress every FUZZ_PROGRESS_S s; the per-command table
# (examples run, finite and bounded, warned, refused with a named error, failures) is printed and written to
# FUZZ_JSON.  FUZZ_WORKERS=1 leaves the other core free; FUZZ_MAX_MINUTES stops early and reports the counts
# reached.  Commands run at a lower count than 10,000 are listed with their reason in
# tests/fuzz/cli_commands.py (FUZZ_EXAMPLES) and under the table.
FUZZ_WORKERS ?= 2
FUZZ_JSON ?= $(OUT)/fuzz-report.json
fuzz: $(STAMP)
	FUZZ_WORKERS=$(FUZZ_WORKERS) FUZZ_JSON=$(FUZZ_JSON) $(PY) tests/fuzz/report.py

clean:
	rm -rf $(VENV) $(OUT) .numba-cache .venv-peers .venv-hapsira build *.egg-info
