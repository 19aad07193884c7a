# The two commands of the README (`make demo`, `make test`) and the rest.
# Every target first installs the missing Debian packages (deps/debian-packages.txt).
BUILD       ?= build
BUILD_ASAN  ?= build-asan
JOBS        ?= 2
CMAKE_FLAGS ?= -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
BIN          = $(BUILD)/gazelle-backfill

.PHONY: all deps configure build demo test test-asan format format-check bench reliability clean

all: build

deps:
	@scripts/ensure-deps.sh

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

configure: $(BUILD)/build.ninja

build: deps configure
	cmake --build $(BUILD) -j$(JOBS)

# The newcomer's first command: the simulator + the embedded SQLite default + live progress.
demo: build
	$(BIN) demo

# Everything: formatting, the unit and integration tests (they start their own
# PostgreSQL, pgbouncer and simulator), then the same under ASan+UBSan.
test: build format-check
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS) --timeout 600

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

format-check: deps
	@git ls-files '*.cc' '*.h' | xargs clang-format --dry-run -Werror && echo "clang-format: clean"

bench: build
	cmake --build $(BUILD) -j$(JOBS) --target benches
	scripts/bench.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
