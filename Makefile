# Two commands on a fresh clone (python3 >= 3.10 and make are all they need):
#   make generate   regenerate generated/ from specs/
#   make test       the whole suite: pytest, ruff, mypy on generator/ and generated/
#   make test-fast  pytest without the tests marked slow (under 30 s on 2 cores)
#   make update-cases  rewrite the expected files of tests/cases/ (then read the diff)
#   make conformance  only that suite, ending with its per-SDK table
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: generate test test-fast update-cases conformance check lint typecheck golden clean bench fuzz

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

# The generator's bytecode, compiled as `pip install` compiles an installed package's: an
# editable install under PYTHONDONTWRITEBYTECODE=1 would compile every module on every run
# (0.1 s of a 0.6 s run on a small doc set).
BYTECODE := $(VENV)/.bytecode-stamp
$(BYTECODE): $(STAMP) $(shell find generator -name '*.py')
	$(BIN)/python -m compileall -q generator
	@touch $(BYTECODE)

# generated/ is the golden record (the default target); tests/snapshots/<target>/generated
# the same docs for the other targets.
generate: $(BYTECODE)
	$(BIN)/docs2models generate specs -o generated
	$(BIN)/docs2models generate specs -o tests/snapshots/pydantic/generated --target pydantic
	$(BIN)/docs2models generate specs -o tests/snapshots/msgspec/generated --target msgspec

check: $(BYTECODE)
	$(BIN)/docs2models check specs -o generated
	$(BIN)/docs2models check specs -o tests/snapshots/pydantic/generated --target pydantic
	$(BIN)/docs2models check specs -o tests/snapshots/msgspec/generated --target msgspec

test: $(BYTECODE)
	$(BIN)/pytest -q
	$(MAKE) --no-print-directory lint typecheck

test-fast: $(BYTECODE)
	$(BIN)/pytest -q -m "not slow"

# Rewrites the expected files of tests/cases/ from what the generator gives now; read the
# diff (git diff tests/cases) before committing it.
update-cases: $(STAMP)
	DOCS2MODELS_UPDATE_CASES=1 $(BIN)/pytest -q tests/test_cases.py -k "not type_check"

# Generates the 20 SDKs of ../shared/corpus/real (skipped when that folder is absent),
# imports and type-checks each, checks them against their docs, and prints a table.
conformance: $(BYTECODE)
	$(BIN)/pytest -q -m slow tests/test_real_sdks.py

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/black --check --quiet generated generator/emit/runtime/_serde*.py

typecheck: $(STAMP)
	$(BIN)/mypy generator
	$(BIN)/mypy --strict generated

bench: $(BYTECODE)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'pydantic>=2.11,<3' 'msgspec>=0.18,<1'
	$(BIN)/python benchmarks/generate_corpus.py
	$(BIN)/python benchmarks/load_payloads.py
	$(BIN)/python benchmarks/scale.py

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=long $(BIN)/pytest -q -p no:cacheprovider tests/test_fuzz.py tests/test_markdown.py tests/test_layout.py tests/test_paths_agree.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build dist
