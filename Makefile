# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(STAMP)
	$(BIN)/parallax compare examples/harbour-bridge/*.txt \
		--json demo-report.json --markdown demo-report.md --html demo-report.html

test: $(STAMP)
	$(BIN)/ruff check src tests eval bench
	$(BIN)/mypy
	$(BIN)/pytest

# Accuracy on ../shared/data (slow: minutes). Refit the shipped models with
# `python eval/same_claim.py --write-model` then `python eval/link_cutoff.py --write-model`.
eval: $(STAMP)
	$(BIN)/python eval/same_claim.py
	$(BIN)/python eval/link_cutoff.py
	$(BIN)/python eval/basil_claims.py
	$(BIN)/python eval/facts.py
	$(BIN)/python eval/nonclaims.py
	$(BIN)/python eval/polnear_quotes.py --split both
	$(BIN)/python eval/contradictions.py
	$(BIN)/python eval/babe_bias.py
	$(BIN)/python eval/basil_lexical.py
	$(BIN)/python eval/newswcl_labels.py
	$(BIN)/python eval/polnear_voice.py
	$(BIN)/python eval/story_clusters.py

bench: $(STAMP)
	$(BIN)/python bench/compare_bench.py

clean:
	rm -rf $(VENV) demo-report.*
