# Heart to Heart: the README's commands. Every target sets up what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test test-fast lint format serve bench bench-web soak package skill-package \
        dynamodb-local ask-smapi-model apl-suggester libcairo clean

## run: set up and talk to the skill in the terminal (embedded SQLite store)
run: $(VENV)/.run-installed
	$(BIN)/heart-to-heart chat

## test: set up (virtualenv, DynamoDB Local, Java and libcairo if missing, Amazon's SMAPI
##       schemas and APL validator), lint, and run the whole suite
test: $(VENV)/.dev-installed dynamodb-local ask-smapi-model apl-suggester libcairo lint
	$(BIN)/pytest

## test-fast: the unit and dialog tiers on the embedded store only (about two minutes; no Java, no npm)
test-fast: $(VENV)/.dev-installed
	$(BIN)/pytest tests/unit tests/dialogs -m "not dynamodb" -n 2

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check skill lambda tests scripts bench
	$(BIN)/ruff format --check skill lambda tests scripts bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/heart-to-heart check-model

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix skill lambda tests scripts bench
	$(BIN)/ruff format skill lambda tests scripts bench

## serve: the self-hosted endpoint (put TLS in front of it); needs SKILL_ID, or SERVE_ARGS=--accept-any-skill
serve: $(VENV)/.run-installed
	$(BIN)/heart-to-heart serve $(SERVE_ARGS)

## bench: per-turn latency and CPU beside an ASK SDK baseline, DynamoDB calls, cold start, web load
##        (starts its own DynamoDB Local; BENCH_WEB_SECONDS per web mode; more options in BENCH_ARGS)
BENCH_WEB_SECONDS ?= 10
bench: $(VENV)/.dev-installed dynamodb-local
	$(BIN)/python -m bench.run --web-seconds $(BENCH_WEB_SECONDS) $(BENCH_ARGS)

## bench-web: signed requests against the served endpoint on loopback, verification on and off
bench-web: $(VENV)/.run-installed
	$(BIN)/python -m bench.web_load

## soak: slow clients, hostile input, stuck work and a wrong clock against the served endpoint
##       on loopback; prints what held (about a minute and a half; bench/results/soak.json)
soak: $(VENV)/.run-installed
	$(BIN)/python -m bench.soak

## package: build the Lambda artefact build/heart-to-heart-lambda.zip and print its size
package: $(VENV)/.dev-installed
	$(BIN)/python scripts/package_lambda.py

## skill-package: the ASK CLI skill package in build/ (manifest, models, icons) for ask deploy;
##                SKILL_ENDPOINT=arn:… or https://… (none: leave it out), SKILL_ID=amzn1.ask.skill.…
skill-package: $(VENV)/.dev-installed libcairo
	$(BIN)/python scripts/build_skill_package.py \
		$(if $(filter none,$(SKILL_ENDPOINT)),--no-endpoint,$(if $(SKILL_ENDPOINT),--endpoint $(SKILL_ENDPOINT))) \
		$(if $(SKILL_ID),--skill-id $(SKILL_ID))

dynamodb-local:
	bash scripts/fetch-dynamodb-local.sh

ask-smapi-model:
	bash scripts/fetch-ask-smapi-model.sh

apl-suggester:
	bash scripts/fetch-apl-suggester.sh

libcairo:
	bash scripts/ensure-libcairo.sh

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e '.[dev]'
	touch $@ $(VENV)/.run-installed

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
