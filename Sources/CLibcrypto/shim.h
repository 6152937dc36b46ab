// The system's OpenSSL libcrypto (Debian: libssl-dev), for its SHA-512: on x86-64 it
// picks the fastest code the CPU allows (AVX2 on the team's machines), about twice the
// speed of the BoringSSL build inside swift-crypto there. Only AssetInspection imports it.
//
// The plain SHA512_Init/Update/Final functions rather than EVP: OpenSSL 3 marks them
// deprecated, but EVP loads the provider machinery on first use, ~2 MiB more resident
// memory for a command that should stay small, and the SHA512_CTX struct makes a digest a
// plain value. Silence the deprecation where they are declared.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
