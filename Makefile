# tuyengiao — build, run and test.
#
#   make         build build/tuyengiao
#   make run     install missing Debian packages, build, load the demo
#                province into data/tuyengiao.db (once) and serve it
#   make test    install what the tests need and run every test
#   make asan    the whole suite under AddressSanitizer + UBSan
#   make fuzz    each libFuzzer target of tests/fuzz/ for FUZZ_SECONDS (10)
#   make load    mixed read/write load (wrk, 64 connections) for
#                LOAD_SECONDS (60): no 5xx, no lost write, stable memory
#   make fmt     clang-format every C file
#   make bench   generate a dataset (BENCH_SCALE=national|province|small)
#                and print roll-up, HTTP, write and report figures next to
#                their floors; results in bench/results/ (scripts/bench.sh)

CC      ?= cc
BUILD   ?= build
PKGS    := libmicrohttpd sqlite3 jansson libsodium libzip xlsxwriter libpq expat zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wmissing-prototypes -Wshadow
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	     $(CFLAGS) $(SAN_FLAGS) -Isrc $(PKG_CFLAGS) -MMD -MP
LDLIBS  = $(PKG_LIBS) -lpthread -lm

LIB_SRC := $(sort $(wildcard src/*/*.c))
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

DB      ?= data/tuyengiao.db
LISTEN  ?= 127.0.0.1:8080

# The chart library, copied from node_modules into the served assets
# (web/vendor/, not committed): part of `all` once npm ci has run.
VENDOR  := $(if $(wildcard node_modules/uplot),web/vendor)

.PHONY: all run test asan fuzz load fmt clean deps deps-test unit bench
all: $(BUILD)/tuyengiao $(VENDOR)

web/vendor: package-lock.json scripts/vendor.sh
	@echo "  VENDOR $@"
	@scripts/vendor.sh

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libtg.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/tuyengiao: $(BUILD)/obj/main.o $(BUILD)/libtg.a
	@echo "  LINK  $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libtg.a
	@mkdir -p $(dir $@)
	@echo "  TEST  $@"
	@$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libtg.a \
		$(LDLIBS) $(shell pkg-config --libs cmocka 2>/dev/null)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libtg.a
	@mkdir -p $(dir $@)
	@echo "  BENCH $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtg.a $(LDLIBS)

bench:
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory $(BUILD)/tuyengiao $(BUILD)/bench/rollup_bench
	@scripts/bench.sh $(BUILD)

deps:
	@scripts/deps.sh run

deps-test:
	@scripts/deps.sh test

run: deps
	@$(MAKE) --no-print-directory all web/vendor
	@mkdir -p $(dir $(DB))
	@if [ -f $(DB) ]; then \
		echo "Dùng cơ sở dữ liệu có sẵn $(DB) (tài khoản demo: admin / Demo@2026)."; \
	else $(BUILD)/tuyengiao demo --db $(DB); fi
	$(BUILD)/tuyengiao serve --db $(DB) --listen $(LISTEN)

unit: $(UNIT_BIN)
	@scripts/run-tests.sh unit $(UNIT_BIN)

test: deps-test
	@$(MAKE) --no-print-directory all web/vendor $(UNIT_BIN)
	@scripts/run-tests.sh all $(BUILD) $(UNIT_BIN)

asan: deps-test
	@$(MAKE) --no-print-directory BUILD=build/asan CC=clang \
		CFLAGS="-O1 -g -fno-omit-frame-pointer" \
		SAN_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
		build/asan/tuyengiao $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	 scripts/run-tests.sh all build/asan $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)

FUZZ_SECONDS ?= 10
fuzz:
	@scripts/fuzz.sh $(FUZZ_SECONDS)

LOAD_SECONDS ?= 60
load: deps-test
	@$(MAKE) --no-print-directory all
	@scripts/load.sh $(BUILD)/tuyengiao $(LOAD_SECONDS)

fmt:
	clang-format -i $(wildcard src/*.c src/*/*.c src/*/*.h tests/unit/*.c tests/unit/*.h)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/main.d
