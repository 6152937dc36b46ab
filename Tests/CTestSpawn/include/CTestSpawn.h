#ifndef C_TEST_SPAWN_H
#define C_TEST_SPAWN_H

#include <sys/types.h>

/// Starts `path` with `argv` and `envp` (both NULL-terminated): standard input from
/// /dev/null, standard output to `stdout_path` (created or truncated, mode 0600), standard
/// error to /dev/null, and every other descriptor closed in the child. Returns 0 and the
/// child's pid in `pid`, or an errno value.
///
/// Closing the rest matters for a child that outlives the call, such as a tmux server: it
/// would otherwise keep the test process's sockets open, and other tests running in
/// parallel would wait for their connections to close. Swift's Glibc module does not
/// import `posix_spawn_file_actions_addclosefrom_np`, hence this C function.
int c_test_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[], const char *stdout_path);

#endif
