// gzip compression (RFC 1952) with zlib into a caller's reused buffer.
#pragma once

#include <zlib.h>

#include <climits>
#include <cstddef>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// A reusable gzip compressor: one zlib deflate state (about 256 KiB) kept across calls and
/// reset per call, so compressing allocates nothing once the output buffer has grown.
/// Failure: the constructor throws std::bad_alloc when zlib cannot allocate its state and
/// std::invalid_argument for a level outside -1..9; compress() throws std::bad_alloc when the
/// output cannot grow and std::runtime_error on an (unexpected) zlib error, leaving `out` as
/// it was. Thread safety: none; one compressor per thread. Not copyable or movable (zlib's
/// state points back at the z_stream).
class gzip_compressor {
 public:
  /// `level`: zlib level, 1 (fastest, the default: scrapes are latency-sensitive and metric
  /// text compresses well even so) to 9, or -1 for zlib's default.
  explicit gzip_compressor(int level = Z_BEST_SPEED) {
    if (level < -1 || level > 9) throw std::invalid_argument("gzip level must be -1..9");
    // windowBits 15 + 16: a gzip wrapper instead of zlib's (zlib manual, deflateInit2).
    const int status = deflateInit2(&stream_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    if (status == Z_MEM_ERROR) throw std::bad_alloc();
    if (status != Z_OK) throw std::runtime_error("zlib deflateInit2 failed");
  }
  ~gzip_compressor() { deflateEnd(&stream_); }
  gzip_compressor(const gzip_compressor&) = delete;
  gzip_compressor& operator=(const gzip_compressor&) = delete;

  /// Appends one complete gzip member holding `input` to `out`.
  void compress(std::string_view input, std::string& out) {
    const std::size_t start = out.size();
    try {
      deflateReset(&stream_);
      // deflateBound is exact enough for one Z_FINISH call; inputs beyond uInt are fed in parts.
      const uLong whole = input.size() > ULONG_MAX ? ULONG_MAX : static_cast<uLong>(input.size());
      out.resize(start + deflateBound(&stream_, whole) + 64);
      std::size_t written = start;
      const char* next_in = input.data();
      std::size_t left_in = input.size();
      int status = Z_OK;
      while (status != Z_STREAM_END) {
        if (out.size() - written < 64) out.resize(out.size() + out.size() / 2 + 4096);
        const uInt in_now = left_in > UINT_MAX ? UINT_MAX : static_cast<uInt>(left_in);
        const std::size_t room = out.size() - written;
        const uInt out_now = room > UINT_MAX ? UINT_MAX : static_cast<uInt>(room);
        stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(next_in));
        stream_.avail_in = in_now;
        stream_.next_out = reinterpret_cast<Bytef*>(out.data() + written);
        stream_.avail_out = out_now;
        status = deflate(&stream_, left_in == in_now ? Z_FINISH : Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
          throw std::runtime_error("zlib deflate failed");
        }
        const std::size_t consumed = in_now - stream_.avail_in;
        next_in += consumed;
        left_in -= consumed;
        written += out_now - stream_.avail_out;
      }
      out.resize(written);
    } catch (...) {
      out.resize(start);
      throw;
    }
  }

 private:
  z_stream stream_{};
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
