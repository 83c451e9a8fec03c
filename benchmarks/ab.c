// Interleaved A/B timing of two commands: runs A, B, A, B… N times each with posix_spawn
// and reports each one's median wall time and the median of the per-pair ratios B/A. On a
// shared, noisy machine interleaving keeps slow spells from landing on one command only,
// which running all of A and then all of B (as hyperfine does) cannot.
//
// Usage: ab N -- A-COMMAND ARGS... -- B-COMMAND ARGS...
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

extern char **environ;

static double run(char **argv, posix_spawn_file_actions_t *actions) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid;
    if (posix_spawn(&pid, argv[0], actions, NULL, argv, environ) != 0) { perror(argv[0]); exit(2); }
    int status;
    waitpid(pid, &status, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n) {
    qsort(v, n, sizeof *v, compare);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv) {
    if (argc < 6 || strcmp(argv[2], "--") != 0) { fprintf(stderr, "usage: ab N -- A... -- B...\n"); return 2; }
    int n = atoi(argv[1]);
    char **a = argv + 3, **b = NULL;
    for (int i = 3; i < argc; i++) if (strcmp(argv[i], "--") == 0) { argv[i] = NULL; b = argv + i + 1; break; }
    if (!b || !*b || n < 1) { fprintf(stderr, "usage: ab N -- A... -- B...\n"); return 2; }
    posix_spawn_file_actions_t actions;  // both commands' output goes to /dev/null
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    double *ta = malloc(n * sizeof *ta), *tb = malloc(n * sizeof *tb), *ratio = malloc(n * sizeof *ratio);
    for (int i = 0; i < 20; i++) { run(a, &actions); run(b, &actions); }  // warm up
    for (int i = 0; i < n; i++) {
        // Alternate which goes first, so neither always follows the other.
        if (i % 2) { tb[i] = run(b, &actions); ta[i] = run(a, &actions); }
        else { ta[i] = run(a, &actions); tb[i] = run(b, &actions); }
        ratio[i] = tb[i] / ta[i];
    }
    printf("A median %.3f ms, B median %.3f ms, B/A per pair (median) %.3f\n", median(ta, n), median(tb, n), median(ratio, n));
    return 0;
}
