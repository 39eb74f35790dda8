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
#   make setup      only create or refresh .venv
#   make clean      remove .venv and caches
#
# Every target calls course.py, which does the work with the Python standard library alone, the
# same on Windows, macOS and Linux (`python course.py lab` where there is no make). Only
# Python >= 3.11 is needed: .venv is created from requirements.txt, and refreshed whenever
# requirements.txt, pyproject.toml or tools/course.css changes.

PYTHON ?= python3
COURSE := $(PYTHON) course.py
PORT ?=
PRESENT_PORT ?=

.PHONY: lab test execute exercises cells check-env setup clean site present submit grade

setup:
	@$(COURSE) setup

lab:
	@$(COURSE) lab $(if $(PORT),--port $(PORT),)

test:
	@$(COURSE) test

execute:
	@$(COURSE) execute

exercises:
	@$(COURSE) exercises

cells:
	@$(COURSE) cells

check-env:
	@$(COURSE) check-env

site:
	@$(COURSE) site

present:
	@$(COURSE) present $(if $(PRESENT_PORT),--port $(PRESENT_PORT),)

submit:
	@$(COURSE) submit

grade:
	@$(COURSE) grade $(SUBMISSIONS) --out "$(or $(OUT),work/grades)" \
	  $(if $(TIMEOUT),--timeout $(TIMEOUT)) $(if $(JOBS),--jobs $(JOBS))

clean:
	@$(COURSE) clean
