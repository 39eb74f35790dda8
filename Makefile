# Counter-Propaganda Analytics: everyday commands.
#
#   make lab        open the course in JupyterLab (sets up .venv first when needed)
#   make test       run the whole test suite (sets up .venv first when needed)
#
#   make execute    re-run lessons and solutions to refresh their saved outputs
#   make exercises  regenerate exercises/ from solutions/
#   make cells      refresh lesson headers, key points and course maps (notebooks/lessons.yml)
#                   and docs/glossary.md (data/glossary.csv)
#   make check-env  check the environment and print what is wrong, if anything
#   make site       build the course as a static website in site/ (opens from disk, offline)
#   make present    serve the what-if views for projecting (Voila, code hidden) on 127.0.0.1:8866
#   make submit     (learners) pack exercises/ into one archive in work/ to hand in
#   make grade SUBMISSIONS=folder OUT=folder   (instructors) grade a class's notebooks;
#                   optional TIMEOUT=seconds per notebook, JOBS=notebooks at once
#   make clean      remove .venv and caches
#
# Only Python >= 3.11 and make are needed: .venv is created from requirements.txt, and
# refreshed whenever requirements.txt or pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8888
PRESENT_PORT ?= 8866
# JupyterLab refuses to run as root without this flag (containers, CI).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings

.PHONY: lab test execute exercises cells check-env setup clean site present submit grade

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "The course needs Python 3.11 or newer; found " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing the pinned environment into $(VENV) (first time: about a minute)..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==0.13.9" \
	  && $(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.txt -e . \
	  || $(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -e .
	@mkdir -p $(LAB_SETTINGS) && cp tools/jupyterlab-overrides.json $(LAB_SETTINGS)/overrides.json
	@$(BIN)/python tools/check_env.py
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) $(ROOT_FLAG) notebooks/00-welcome.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider tests notebooks solutions \
	  --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
	$(BIN)/python -m pytest -p no:cacheprovider exercises --nbval-lax --nbval-current-env

execute: $(STAMP)
	$(BIN)/python tools/execute.py
	$(BIN)/python tools/make_exercises.py

exercises: $(STAMP)
	$(BIN)/python tools/make_exercises.py

cells: $(STAMP)
	$(BIN)/python tools/lesson_cells.py
	$(BIN)/python tools/make_glossary.py
	$(BIN)/python tools/make_exercises.py

check-env: $(STAMP)
	$(BIN)/python tools/check_env.py --verbose

site: $(STAMP)
	$(BIN)/python tools/build_site.py

present: $(STAMP)
	$(BIN)/python tools/present.py --port=$(PRESENT_PORT)

submit: $(STAMP)
	$(BIN)/python tools/submit.py

grade: $(STAMP)
	@test -n "$(SUBMISSIONS)" || { echo "Usage: make grade SUBMISSIONS=folder OUT=folder [TIMEOUT=s] [JOBS=n]"; exit 2; }
	$(BIN)/python tools/grade.py "$(SUBMISSIONS)" --out "$(or $(OUT),work/grades)" \
	  $(if $(TIMEOUT),--timeout $(TIMEOUT)) $(if $(JOBS),--jobs $(JOBS))

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build
