# Thin entry points. The build itself is CMake (CMakePresets.json); this file only chains
# dependency installation, configuration, an incremental build and a run.
PRESET ?= release
BUILD  := build/$(PRESET)
JOBS   ?= $(shell nproc)

.PHONY: all deps configure build demo test test-asan bench clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	cmake --preset $(PRESET)

configure: $(BUILD)/build.ninja

build: deps configure
	cmake --build $(BUILD) -j $(JOBS)

ABSAH := $(BUILD)/engine/cli/absah

# The demo signs with the development PKI in keys/dev (git-ignored), made on first use.
keys/dev/signing-key.pem: | build
	$(ABSAH) keys init

demo: build keys/dev/signing-key.pem
	$(ABSAH) demo --out-dir out

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Micro-benchmarks per stage and the whole-process comparison with the peer tools
# (docs/benchmarks.md); the peers (scripts/bench-packages.txt) are installed here only.
BENCH_DIR := $(BUILD)/tests/bench
bench: build
	@bash scripts/install-deps.sh scripts/bench-packages.txt
	ABSAH_DATA_DIR=$(CURDIR) python3 tests/bench/peers.py --absah $(ABSAH) \
	  --bench-stages $(BENCH_DIR)/bench_stages --bench-verify $(BENCH_DIR)/bench_verify \
	  --micro $(BENCH_DIR)/bench_stages $(BENCH_DIR)/bench_verify $(BENCH_DIR)/bench_registry \
	    $(BENCH_DIR)/bench_render \
	  --out $(BUILD)/bench-report.md

test-asan:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan-suppressions.txt $(MAKE) test PRESET=sanitize

clean:
	rm -rf build out
