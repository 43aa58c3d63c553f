# The two set-up commands: `make run` and `make test`. Each installs what is missing first.
DB ?= var/haiquan.db
PORT ?= 8080
HOST ?= 127.0.0.1
JOBS ?= $(shell nproc)

.PHONY: deps web build build-debug run test test-debug test-release bench fuzz format clean

deps:
	@bash scripts/install-deps.sh

# The web console (web/, Vite + TypeScript): `npm ci` from the committed lock file when it changes,
# then a build into web/dist when a source changes. `haiquan serve` serves web/dist.
WEB_SRC := $(shell find web/src -type f 2>/dev/null) web/index.html web/vite.config.ts web/tsconfig.json

web/node_modules/.package-lock.json: web/package-lock.json web/package.json
	@cd web && npm ci --no-audit --no-fund --loglevel=error

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SRC)
	@cd web && npm run --silent build -- --logLevel warn

web: deps web/dist/index.html

build: deps web
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

build-debug: deps
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug -j $(JOBS)

# Loads demo data into an empty database, then serves it.
run: build
	@mkdir -p $(dir $(DB))
	@./build/release/haiquan demo --db $(DB)
	@./build/release/haiquan serve --db $(DB) --host $(HOST) --port $(PORT)

test: test-debug test-release

test-debug: build-debug
	@ctest --preset debug

test-release: build
	@ctest --preset release -L integration

bench: build
	@bash bench/run.sh

fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@bash tests/fuzz/run.sh build/fuzz

format:
	@find src tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	@rm -rf build
