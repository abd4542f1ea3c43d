# Two commands for a newcomer: `make run` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install clean evaluate bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/crossings run corpus/threads --out outputs

test: $(STAMP)
	$(BIN)/python -m pytest -q

evaluate: $(STAMP)
	$(BIN)/crossings run corpus/dev --out outputs/dev --no-progress
	$(BIN)/crossings evaluate --gold corpus/dev --pred outputs/dev/cases.jsonl
	$(BIN)/crossings run corpus/heldout --out outputs/heldout --no-progress
	$(BIN)/crossings evaluate --gold corpus/heldout --pred outputs/heldout/cases.jsonl

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_throughput.py

clean:
	rm -rf $(VENV) outputs .pytest_cache
