// The handler of instrumented.cpp without instrumentation (see there).
extern "C" int handle_request(int payload) {
  int result = payload * 3 + 1;
  if (result > 100) {
    result -= 100;
  }
  return result;
}
