#ifndef AVISO_CZLIB_SHIM_H
#define AVISO_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro in zlib.h; Swift cannot call macros, so it is wrapped here.
/// windowBits 15 + 32 accepts both zlib and gzip headers (automatic detection).
static inline int aviso_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 32);
}

/// deflateInit2 wrapper producing gzip output (used by tests and the generator).
static inline int aviso_deflate_init_gzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
