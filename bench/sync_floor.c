/*
 * The least a server can sync to keep the PUT promise (SUCCESS only when the object survives a power cut), for
 * many small objects stored one after another as git-annex's PUTs arrive: per key, write a 4 KiB file in tmp/,
 * sync it, rename it into objects/xx/yy/KEY/KEY, sync its directory; and, with "full", also sync the parent of
 * every directory made for it, as our server does. With "none", the same work without a sync (what
 * git-annex-shell does). With "overlap", as "full", but the parents are synced on a second thread while the object
 * file is synced (both wait for the same journal commit). Prints the seconds the N keys took: the floor of bench/small-files.sh's copy --to.
 *
 *   cc -O2 -o sync_floor bench/sync_floor.c
 *   sync_floor DIR N none|object|full|overlap
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void fail(const char *what, const char *path) {
    perror(path);
    fprintf(stderr, "sync_floor: %s failed\n", what);
    exit(1);
}

static void sync_path(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0) fail("open", path);
    if (fsync(fd) != 0) fail("fsync", path);
    close(fd);
}

struct parents { const char *paths[3]; int n; };

static void *sync_parents(void *arg) {
    struct parents *p = arg;
    for (int i = 0; i < p->n; i++) sync_path(p->paths[i]);
    return NULL;
}

/* mkdir that reports whether it made the directory. */
static int made(const char *path) {
    if (mkdir(path, 0755) == 0) return 1;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return 0;
    fail("mkdir", path);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: sync_floor DIR N none|object|full\n");
        return 2;
    }
    const char *dir = argv[1];
    int n = atoi(argv[2]);
    int level = strcmp(argv[3], "none") == 0 ? 0 : strcmp(argv[3], "object") == 0 ? 1
            : strcmp(argv[3], "full") == 0 ? 2 : 3;
    char tmp[4096], objects[4096], xx[4200], yy[4300], keydir[4400], object[4500], data[4096];
    snprintf(tmp, sizeof tmp, "%s/tmp", dir);
    snprintf(objects, sizeof objects, "%s/objects", dir);
    made(tmp);
    made(objects);
    srand(getpid());
    for (size_t i = 0; i < sizeof data; i++) data[i] = (char)rand();
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < n; i++) {
        char name[64], part[4200];
        snprintf(name, sizeof name, "SHA256E-s4096--%08d%08d.bin", getpid(), i);
        snprintf(xx, sizeof xx, "%s/%02x", objects, (unsigned)(i * 7919) % 256);
        snprintf(yy, sizeof yy, "%s/%02x", xx, (unsigned)(i * 104729) % 256);
        snprintf(keydir, sizeof keydir, "%s/%s", yy, name);
        snprintf(object, sizeof object, "%s/%s", keydir, name);
        snprintf(part, sizeof part, "%s/%s", tmp, name);
        int madeXx = made(xx), madeYy = made(yy);
        made(keydir);
        struct parents ps = { { yy, xx, objects }, 1 + madeYy + (madeYy && madeXx) };
        pthread_t beside;
        if (level == 3 && pthread_create(&beside, NULL, sync_parents, &ps) != 0) fail("pthread_create", part);
        int fd = open(part, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) fail("open", part);
        data[0] = (char)i;
        if (write(fd, data, sizeof data) != (ssize_t)sizeof data) fail("write", part);
        if (level >= 1 && fsync(fd) != 0) fail("fsync", part);
        close(fd);
        if (rename(part, object) != 0) fail("rename", object);
        if (level >= 1) sync_path(keydir);
        if (level == 2) sync_parents(&ps);
        if (level == 3) pthread_join(beside, NULL);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.3f\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
