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

bench: build
	ABSAH_DATA_DIR=$(CURDIR) $(BUILD)/tests/bench/bench_render --benchmark_min_time=0.5

test-asan:
	$(MAKE) test PRESET=sanitize

clean:
	rm -rf build out
