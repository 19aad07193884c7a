# The two commands of the README (`make demo`, `make test`) and the rest.
# Every target first installs the missing Debian packages it needs
# (deps/debian-packages.txt: `make demo` only the [build] section).
BUILD        ?= build
BUILD_ASAN   ?= build-asan
BUILD_FUZZ   ?= build-fuzz
JOBS         ?= 2
CMAKE_FLAGS  ?= -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
FUZZ_SECONDS ?= 60
BIN           = $(BUILD)/gazelle-backfill
# make install: where (DESTDIR stages it, e.g. DESTDIR=/tmp/stage make install).
PREFIX       ?= /usr/local

# The sanitizer pass: any report aborts the process that hit it (child
# processes too: the loader and simulator binaries the integration tests
# start are sanitized as well), and is also written under
# $(BUILD_ASAN)/sanitizer-reports/, which must stay empty.
SAN_REPORTS   = $(abspath $(BUILD_ASAN))/sanitizer-reports
ASAN_ENV      = ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=0:log_path=$(SAN_REPORTS)/asan \
                UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$(SAN_REPORTS)/ubsan \
                LSAN_OPTIONS=suppressions=$(abspath fuzz/lsan.supp):print_suppressions=0
# Left out of the sanitizer pass: end-to-end tests that measure the process
# itself (peak RSS: ASan's shadow memory and quarantine make it meaningless)
# or whose time is all in real processes (kill -9 loops, a browser).
ASAN_EXCLUDE ?= RunMemory|RunCrash|PageInChromium|LoginInChromium

# Where make test writes the time of each phase (printed before the sanitizer tests).
PHASES        = $(abspath $(BUILD))/make-test-phases.tsv
PHASE         = scripts/timed-phase.sh $(PHASES)

.PHONY: all deps configure build demo test test-asan test-asan-build test-asan-run fuzz fuzz-build \
        format format-check bench reliability install deb clean

all: build

deps:
	@scripts/ensure-deps.sh

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DGB_TESTS=ON

configure: $(BUILD)/build.ninja

build: deps configure
	cmake --build $(BUILD) -j$(JOBS)

# The newcomer's first command: the simulator + the embedded SQLite default + live progress.
# Only the build packages and the binary (with its catalog): a fresh build
# directory is configured without the tests; one that has them keeps them.
demo:
	@scripts/ensure-deps.sh build
	@[ -f $(BUILD)/CMakeCache.txt ] || cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DGB_TESTS=OFF
	cmake --build $(BUILD) -j$(JOBS) --target gazelle-backfill
	$(BIN) demo

# The binary, its French catalog, the docs, the systemd units and their env file
# (cmake/Packaging.cmake), under PREFIX (/usr/local), staged under DESTDIR when set.
# Like demo, a fresh build directory is configured without the tests.
install:
	@scripts/ensure-deps.sh build
	@[ -f $(BUILD)/CMakeCache.txt ] || cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DGB_TESTS=OFF
	cmake --build $(BUILD) -j$(JOBS) --target gazelle-backfill
	DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix "$(PREFIX)"

# The Debian package, $(BUILD)/package/gazelle-backfill_<version>_<arch>.deb
# (installs under /usr; apt install ./that.deb), made of what the build
# directory holds (configured without the tests when fresh).
deb:
	@scripts/ensure-deps.sh build
	@[ -f $(BUILD)/CMakeCache.txt ] || cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DGB_TESTS=OFF
	cmake --build $(BUILD) -j$(JOBS) --target gazelle-backfill
	cd $(BUILD) && cpack --config CPackConfig.cmake
	@ls -l $(BUILD)/package/*.deb

# Everything: formatting, the unit and integration tests (they start their own
# PostgreSQL, pgbouncer and simulator), then the same under ASan+UBSan. Each
# phase is timed; the table comes before the sanitizer tests, whose ctest
# summary ends the output.
test:
	@rm -f $(PHASES)
	@$(PHASE) "packages" scripts/ensure-deps.sh
	@$(PHASE) "configure" cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DGB_TESTS=ON
	@$(PHASE) "build" cmake --build $(BUILD) -j$(JOBS)
	@$(PHASE) "format check" $(MAKE) --no-print-directory format-check
	@$(PHASE) "tests" ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS) --timeout 600
	@$(PHASE) "sanitizer build" $(MAKE) --no-print-directory test-asan-build
	@scripts/phase-table.sh $(PHASES) "sanitizer tests" "ctest's Total Test time, below"
	@$(MAKE) --no-print-directory test-asan-run

# The unit and integration tests (and the fuzz corpora) under AddressSanitizer,
# LeakSanitizer and UndefinedBehaviorSanitizer, in their own build directory.
test-asan: test-asan-build
	@$(MAKE) --no-print-directory test-asan-run

test-asan-build: deps
	cmake -S . -B $(BUILD_ASAN) $(CMAKE_FLAGS) -DGB_SANITIZE=ON -DGB_TESTS=ON
	cmake --build $(BUILD_ASAN) -j$(JOBS)

test-asan-run:
	@rm -rf $(SAN_REPORTS) && mkdir -p $(SAN_REPORTS)
	$(ASAN_ENV) ctest --test-dir $(BUILD_ASAN) --output-on-failure -j$(JOBS) --timeout 900 -E '$(ASAN_EXCLUDE)'; \
	  status=$$?; \
	  if [ -n "$$(ls -A $(SAN_REPORTS))" ]; then \
	    echo "sanitizer reports (each must be fixed):"; cat $(SAN_REPORTS)/*; exit 1; \
	  fi; \
	  exit $$status

# libFuzzer targets (clang, ASan+UBSan), each run for FUZZ_SECONDS, then a summary table.
fuzz-build: deps
	cmake -S . -B $(BUILD_FUZZ) $(CMAKE_FLAGS) -DCMAKE_CXX_COMPILER=clang++ -DGB_FUZZ=ON
	cmake --build $(BUILD_FUZZ) -j$(JOBS) --target fuzzers

fuzz: fuzz-build
	fuzz/run.sh $(BUILD_FUZZ) $(FUZZ_SECONDS)

# The whole fault matrix (real processes, PostgreSQL restarts, ...), then the fuzzers.
reliability: build
	scripts/reliability.sh $(BUILD)
	$(MAKE) --no-print-directory fuzz

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

format-check: deps
	@git ls-files '*.cc' '*.h' | xargs clang-format --dry-run -Werror && echo "clang-format: clean"

bench: build
	cmake --build $(BUILD) -j$(JOBS) --target benches
	scripts/bench.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ)
