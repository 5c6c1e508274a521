/*
 * A slow file system for `npm run bench`, as an LD_PRELOAD library: every
 * directory listing waits SLOWFS_DELAY_US microseconds (default 1000) first,
 * as a listing over a network share does. find lists through opendir or
 * fdopendir, Node's fs.readdir through scandir: each is delayed once per
 * folder, whatever the number of entries. Built by bench.ts with
 * `gcc -shared -fPIC -O2 -o slowfs.so slowfs.c -ldl`.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

static void wait_a_little(void) {
  const char *value = getenv("SLOWFS_DELAY_US");
  long us = value ? atol(value) : 1000;
  struct timespec delay = {us / 1000000, (us % 1000000) * 1000};
  nanosleep(&delay, NULL);
}

DIR *opendir(const char *name) {
  static DIR *(*real)(const char *);
  if (!real) real = (DIR * (*)(const char *)) dlsym(RTLD_NEXT, "opendir");
  wait_a_little();
  return real(name);
}

DIR *fdopendir(int fd) {
  static DIR *(*real)(int);
  if (!real) real = (DIR * (*)(int)) dlsym(RTLD_NEXT, "fdopendir");
  wait_a_little();
  return real(fd);
}

typedef int (*filter_t)(const struct dirent *);
typedef int (*compare_t)(const struct dirent **, const struct dirent **);

int scandir(const char *dir, struct dirent ***list, filter_t filter, compare_t compare) {
  static int (*real)(const char *, struct dirent ***, filter_t, compare_t);
  if (!real) real = (int (*)(const char *, struct dirent ***, filter_t, compare_t))dlsym(RTLD_NEXT, "scandir");
  wait_a_little();
  return real(dir, list, filter, compare);
}

typedef int (*filter64_t)(const struct dirent64 *);
typedef int (*compare64_t)(const struct dirent64 **, const struct dirent64 **);

int scandir64(const char *dir, struct dirent64 ***list, filter64_t filter, compare64_t compare) {
  static int (*real)(const char *, struct dirent64 ***, filter64_t, compare64_t);
  if (!real) real = (int (*)(const char *, struct dirent64 ***, filter64_t, compare64_t))dlsym(RTLD_NEXT, "scandir64");
  wait_a_little();
  return real(dir, list, filter, compare);
}
