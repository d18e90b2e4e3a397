# Integra — the two quick-start commands are `make demo` and `make test`.
SHELL := /bin/bash
PREFIX ?= /usr/local
SWIFT ?= swift
OUT ?= out/demo

.PHONY: demo test build release install deps synth-demo fixtures clean help

help:
	@echo "make demo     install what is missing, build, run the demo project end to end"
	@echo "make test     install what is missing, run the whole test suite"
	@echo "make install  build a release binary and put integra on the PATH ($(PREFIX)/bin)"
	@echo "make synth-demo  regenerate pipelines/demo/ from the generator (seeded)"
	@echo "make fixtures    regenerate Tests/Fixtures/ (partner-file edge cases and their expected outcomes)"

deps:
	@./scripts/install-deps.sh

build: deps
	$(SWIFT) build --product integra

demo: build
	$(SWIFT) run --skip-build integra run pipelines/demo.yml --out $(OUT)
	@echo
	@echo "Demo outputs are in $(OUT)/ : reports/*.xlsx and *.csv (generic, FAMI 2021-2027, FAMI 2014-2020 and Fundusz Pracy reports, FAMI and Fundusz Pracy finance workbooks, data quality, long indicator table; linkage review and SM EFS participant list, personal), dashboard.html, rejected_rows.csv, diagnostics.csv, run.json"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

release: deps
	$(SWIFT) build -c release --product integra

install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/integra
	install -m 0755 .build/release/integra $(PREFIX)/bin/integra
	rm -rf $(PREFIX)/share/integra/sql $(PREFIX)/share/integra/reports
	cp -R sql reports $(PREFIX)/share/integra/
	install -d $(PREFIX)/share/integra/pipelines
	install -m 0644 pipelines/vocabulary.yml $(PREFIX)/share/integra/pipelines/vocabulary.yml
	@echo "integra installed in $(PREFIX)/bin; definitions in $(PREFIX)/share/integra"

synth-demo: build
	rm -rf pipelines/demo
	$(SWIFT) run --skip-build integra synth --dir pipelines --name demo

fixtures: build
	rm -rf Tests/Fixtures
	$(SWIFT) run --skip-build integra synth --fixtures --dir Tests/Fixtures

clean:
	rm -rf .build out
