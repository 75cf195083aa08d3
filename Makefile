# The README's commands. `make demo` and `make test` work on a fresh machine: they create
# .venv, install bilat with what it needs, then run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DEMO_DB ?= sqlite:///demo.db

.PHONY: install demo test bench train lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# the repair lexicon, compiled once into the user's cache (else the first `bilat repair` does)
	$(BIN)/python -c "from bilat.repair.lexicon import lexicon; lexicon()"
	# bytecode, so that no start recompiles (even with PYTHONDONTWRITEBYTECODE set)
	$(BIN)/python -m compileall -q src/bilat
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f demo.db
	$(BIN)/bilat ingest data/sample --db $(DEMO_DB)
	@echo
	@echo "Azerbaijan–Uzbekistan, from the reference article:"
	$(BIN)/bilat events --pair AZE UZB --db $(DEMO_DB)
	@echo
	@echo "All events in the sample by type:"
	$(BIN)/bilat events --db $(DEMO_DB) --format jsonl | $(BIN)/python -c "import collections,json,sys; c=collections.Counter(json.loads(l)['type'] for l in sys.stdin); print('  '+', '.join(f'{k} {v}' for k,v in c.most_common()))"
	@echo
	@echo "Open http://127.0.0.1:8000/pairs/AZE/UZB for the Azerbaijan–Uzbekistan pair page."
	$(BIN)/bilat serve --db $(DEMO_DB) --host 127.0.0.1 --port 8000

test: install
	$(BIN)/python -m pytest

# Rebuild the event models shipped in src/bilat/models/ from the annotations (tuning part of
# the split only, fixed seed; see docs/model-card.md). Needs ../shared (or BILAT_SHARED).
train: install
	$(BIN)/python -m pip install --quiet -e '.[test,train]'
	$(BIN)/python -m bilat.learn --shared $${BILAT_SHARED:-../shared}

bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/extract/bench_extract.py
	$(BIN)/python bench/repair/bench_repair.py

clean:
	rm -rf $(VENV) demo.db bilat.db .pytest_cache
