// Replaces the global operator new/delete to count allocations (for allocation_test.cpp).
// A separate translation unit so the compiler cannot inline them into callers (GCC would then
// warn about malloc/free pairing with new/delete, -Wmismatched-new-delete).
#include <atomic>
#include <cstdlib>
#include <new>

std::atomic<long> schemetric_test_allocations{0};

void* operator new(std::size_t size) {
  schemetric_test_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
void operator delete(void* memory) noexcept {
  std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept {
  std::free(memory);
}
