#ifndef AVISO_CCRYPTO_SHIM_H
#define AVISO_CCRYPTO_SHIM_H
#include <stddef.h>
#include <openssl/sha.h>

/// OpenSSL 3 marks the SHA256_* functions deprecated in favour of EVP, but they are the cheapest
/// path to its SHA-NI / AVX2 code: no provider lookup, and SHA256_CTX is a plain struct that a
/// Swift value can hold inline. Swift calls only these wrappers, so it never sees a deprecation.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
#elif defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif

/// Sets `context` to SHA-256's initial state. Returns 1 on success.
static inline int aviso_sha256_init(SHA256_CTX *context) {
    return SHA256_Init(context);
}

/// Adds `count` bytes at `bytes` to the message. Returns 1 on success.
static inline int aviso_sha256_update(SHA256_CTX *context, const void *bytes, size_t count) {
    return SHA256_Update(context, bytes, count);
}

/// Pads the message and writes its 32-byte digest to `digest`. Returns 1 on success.
static inline int aviso_sha256_final(unsigned char *digest, SHA256_CTX *context) {
    return SHA256_Final(digest, context);
}

#if defined(__clang__)
#pragma clang diagnostic pop
#elif defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
#endif
