/*
 * rusage-exec OUTFILE PROGRAM [ARGS...]
 *
 * Runs PROGRAM, waits for it with wait4(2) and writes "<peak RSS KiB> <user s> <system s>"
 * to OUTFILE, then exits with PROGRAM's status (128 + N when signal N ended it).
 *
 * Why not measure from Python directly: Linux carries the peak RSS of the process image
 * replaced by exec(2) into the child's ru_maxrss, so a child forked from a 10+ MiB Python
 * reports at least Python's size. Forked from this small launcher instead, the figure is
 * the program's own (a floor of about 1 MiB).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: rusage-exec OUTFILE PROGRAM [ARGS...]\n");
        return 2;
    }
    pid_t child = fork();
    if (child < 0) {
        perror("rusage-exec: fork");
        return 2;
    }
    if (child == 0) {
        execvp(argv[2], argv + 2);
        perror("rusage-exec: exec");
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (wait4(child, &status, 0, &usage) < 0) {
        perror("rusage-exec: wait4");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (out == NULL) {
        perror("rusage-exec: output file");
        return 2;
    }
    fprintf(out, "%ld %.6f %.6f\n", usage.ru_maxrss,
            usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6,
            usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6);
    fclose(out);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
