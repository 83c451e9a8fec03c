/* The writing floor: copies each file of SRC into DST the way dbspec writes its outputs,
   to a temporary file, fsync, rename. Usage: atomic_write SRC DST */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char buf[1 << 20];

int main(int argc, char **argv) {
    if (argc != 3) return 2;
    DIR *dir = opendir(argv[1]);
    if (!dir) return 2;
    struct dirent *e;
    char src[4096], tmp[4096], dst[4096];
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.') continue;
        snprintf(src, sizeof src, "%s/%s", argv[1], e->d_name);
        int in = open(src, O_RDONLY);
        if (in < 0) return 2;
        ssize_t n = read(in, buf, sizeof buf);
        close(in);
        snprintf(tmp, sizeof tmp, "%s/.%s.tmp-XXXXXX", argv[2], e->d_name);
        snprintf(dst, sizeof dst, "%s/%s", argv[2], e->d_name);
        int out = mkstemp(tmp);
        if (out < 0 || write(out, buf, n) != n || fsync(out) != 0 || close(out) != 0 || rename(tmp, dst) != 0) return 1;
    }
    closedir(dir);
    return 0;
}
