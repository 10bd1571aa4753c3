# Thin wrapper over the CMake presets for the README's commands.
#   make demo   - build the example service and run it with Prometheus (its generated rules),
#                 Alertmanager and VictoriaMetrics on 127.0.0.1 (examples/stack/stack.py); prints
#                 where each is; Ctrl-C stops everything, DURATION=s stops it after s seconds
#   make test   - install missing packages, build and run every test (g++; CI adds more)
#   make bench  - build the Release benchmarks and print the side-by-side tables of schemetric
#                 and prometheus-cpp (time and instructions per operation, compile time)
#   make deps   - install the Debian packages the build and the tests need
.PHONY: deps demo test test-clang test-sanitizers bench golden clean

PACKAGES := cmake ninja-build g++ clang libfmt-dev libasio-dev libyaml-cpp-dev \
            nlohmann-json3-dev zlib1g-dev libgtest-dev libbenchmark-dev prometheus \
            python3-prometheus-client python3-jsonschema python3-yaml locales valgrind wrk \
            libssl-dev libcrypt-dev openssl prometheus-cpp-dev prometheus-alertmanager \
            victoria-metrics curl

deps:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@locale -a 2>/dev/null | grep -qi '^de_DE.utf8$$' || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "creating the de_DE.UTF-8 locale (used by the locale test)"; \
	  $$SUDO localedef -i de_DE -f UTF-8 de_DE.UTF-8; }

DURATION ?= 0
demo: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev --target example_service
	/usr/bin/python3 examples/stack/stack.py --service build/dev/examples/service/example_service \
	  --schema schema/example.yaml --rules build/dev/examples/service/generated/example.rules.yml \
	  --dashboard build/dev/examples/service/generated/example.dashboard.json --duration $(DURATION)

test: deps
	cmake --workflow --preset dev

test-clang: deps
	cmake --workflow --preset clang

test-sanitizers: deps
	cmake --workflow --preset asan-ubsan
	cmake --workflow --preset tsan

bench: deps
	cmake --preset bench >/dev/null
	cmake --build --preset bench --target schemetric_bench schemetric_instruction_count \
	  schemetric_compile_time
	/usr/bin/python3 bench/side_by_side.py build/bench
	/usr/bin/python3 bench/compile_time.py build/bench

clean:
	rm -rf build
