# ltpsim: `make demo` runs the default experiment, `make check` runs every test (also under
# AddressSanitizer + UndefinedBehaviorSanitizer). Both install missing Debian packages when
# run as root, or name the packages to install.
BUILD      ?= build
BUILD_SAN  ?= build-sanitize
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DEBIAN_PKGS = build-essential cmake pkg-config clang libconfig-dev libjansson-dev \
              librandom123-dev libsundials-dev libcmocka-dev libomp-dev python3 python3-scipy

.PHONY: all deps build demo check check-fast check-sanitize clean format

all: build

deps:
	@bash tools/deps.sh $(DEBIAN_PKGS)

$(BUILD)/Makefile: CMakeLists.txt | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./$(BUILD)/ltpsim run --out ltpsim-out

check-fast: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

check-sanitize: deps
	cmake -S . -B $(BUILD_SAN) -DCMAKE_BUILD_TYPE=Debug -DLTP_SANITIZE=ON -DCMAKE_C_COMPILER=clang
	cmake --build $(BUILD_SAN) -j $(JOBS)
	# OMP_TOOL=disabled: clang's libomp dlopens its OMPT tool (libarcher.so) at start-up, and
	# LeakSanitizer's scan of that dynamic TLS crashed at exit ("Tracer caught signal 11") in
	# test_validate; the tool is for ThreadSanitizer and unused here
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 OMP_TOOL=disabled \
	  ctest --test-dir $(BUILD_SAN) --output-on-failure -j $(JOBS) -LE slow

check: check-fast check-sanitize

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(BUILD_SAN) ltpsim-out ltpsim-sweep
