# Bienvenue: `make run` serves the portal with a local PostgreSQL and demo content;
# `make test` runs every test against a throwaway PostgreSQL and a headless Chromium.

GO ?= go

.PHONY: run test bench bench-go fuzz chaos build generate check clean-data

run:
	$(GO) run ./cmd/bienvenue dev

test: web/node_modules
	$(GO) run ./cmd/pgtemp $(GO) test -count=1 ./...

# Go benchmarks on a durable PostgreSQL: submission against a bare INSERT, queue pages
# over 100,000 requests, the observatory at national scale, the RPPS import against COPY.
# Load benchmark: the portal beside the TechEmpower Fortunes baseline, on one database
# (see cmd/loadbench). BENCHTIME is the length of each run; INSTANCES=2 spreads the
# connections over two portals on the one database; ONLY=regexp runs the scenarios whose
# name matches; CPUPROFILE=file writes the portal's CPU profile (go tool pprof); PGSTATS=1
# prints the statements PostgreSQL spent most time on.
BENCHTIME ?= 5s
INSTANCES ?= 1
bench:
	$(GO) run ./cmd/loadbench -duration $(BENCHTIME) -connections 64 -instances $(INSTANCES) -only '$(ONLY)' $(if $(CPUPROFILE),-cpuprofile $(abspath $(CPUPROFILE))) $(if $(PGSTATS),-pgstats)

bench-go:
	PGTEMP_DURABLE=1 $(GO) run ./cmd/pgtemp $(GO) test -run '^$$' -bench . -benchtime 3s ./internal/server/
	PGTEMP_DURABLE=1 $(GO) run ./cmd/pgtemp $(GO) test -run '^$$' -bench . -benchtime 2x ./internal/importer/

# Crash test: SIGKILL the portal, crash PostgreSQL, SIGTERM the portal under load, then
# check that no acknowledged request was lost or stored twice (see cmd/chaos).
CHAOSTIME ?= 40s
chaos:
	$(GO) run ./cmd/chaos -duration $(CHAOSTIME)

# Fuzz every parser and validator briefly (FUZZTIME each); a crasher is kept under the
# package's testdata/fuzz and becomes a regression test of `make test`. A run that ends
# in "context deadline exceeded" without writing a failing input is Go's own race at the
# -fuzztime deadline (golang/go#75804, fixed in Go 1.27), not a finding: it is retried once.
FUZZTIME ?= 5s
FUZZ_TARGETS = casework:FuzzValidate aid:FuzzParseZoning aid:FuzzSimulate rpps:FuzzRead observatory:FuzzParseAges finess:FuzzRead offers:FuzzParseFilter offers:FuzzValidateOffer events:FuzzValidateRegistrant events:FuzzValidateEvent content:FuzzValidatePage content:FuzzValidateTestimonial structures:FuzzValidateProfile images:FuzzCheck server:FuzzSessionDecode
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t#*:}; \
		echo "fuzz $$pkg $$name"; \
		for attempt in 1 2; do \
			$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) ./internal/$$pkg/ > .fuzz.log 2>&1; status=$$?; \
			cat .fuzz.log; \
			[ $$status -eq 0 ] && break; \
			if grep -q "Failing input written" .fuzz.log || ! grep -q "context deadline exceeded" .fuzz.log || [ $$attempt -eq 2 ]; then \
				rm -f .fuzz.log; exit 1; \
			fi; \
			echo "(Go's fuzzing deadline race, no failing input: once more)"; \
		done; \
	done; rm -f .fuzz.log

build:
	$(GO) build -o bin/bienvenue ./cmd/bienvenue

# Regenerate the templ components (the generated *_templ.go files are committed). templ
# turns every value between braces into text with fmt.Sprint, two allocations each, half
# of a list page's: the generated code calls web's joinStringErrs instead (web/text.go),
# which passes strings through.
generate:
	$(GO) tool templ generate
	@for f in web/*_templ.go; do sed 's/templ\.JoinStringErrs(/joinStringErrs(/g' "$$f" > "$$f.tmp" && mv "$$f.tmp" "$$f"; done

# What CI checks besides the tests: formatting, vet, generated files up to date.
check:
	@test -z "$$(gofmt -l cmd internal web migrations)" || { gofmt -l cmd internal web migrations; echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet ./...
	$(MAKE) --no-print-directory generate
	git diff --exit-code -- '*_templ.go'
	@test -z "$$(git status --porcelain -- '*_templ.go')" || { git status --short -- '*_templ.go'; echo "templ: generated files above are not committed"; exit 1; }

# axe-core for the accessibility checks, pinned by web/package-lock.json.
web/node_modules: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch web/node_modules

# Stops nothing: delete the local cluster of `make run` (stop `make run` first).
clean-data:
	rm -rf .data
