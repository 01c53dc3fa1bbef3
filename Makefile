# The README's two commands are `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench install clean

$(STAMP): pyproject.toml
	test -d $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/readingroom ingest seeds
	$(VENV)/bin/readingroom serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) -m bench.run
	$(PY) -m bench.writes
	$(PY) -m bench.big_article --analyse
	$(PY) -m bench.quality

clean:
	rm -rf $(VENV) var .pytest_cache
