/*
** plat_posix_test.c: the hosted platform (hosted/plat_posix.c): clocks,
** the blocking point, randomness and whole-file reads.
*/
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../vm/plat.h"
#include "../../vm/vm.h"

static int failures;

#define CHECK(c)                                                            \
    do {                                                                    \
        if (!(c)) {                                                         \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c);             \
            failures++;                                                     \
        }                                                                   \
    } while (0)

static void test_clocks(void)
{
    uint64_t a = plat_clock_monotonic(), b = plat_clock_monotonic();
    CHECK(b >= a);
    /* After 2020-01-01 and before 2200. */
    uint64_t wall_s = plat_clock_wall() / 1000000000ull;
    CHECK(wall_s > 1577836800ull && wall_s < 7258118400ull);
}

static void test_yield(void)
{
    uint64_t t0 = plat_clock_monotonic();
    plat_yield(t0 + 30000000);  /* 30 ms */
    uint64_t slept = plat_clock_monotonic() - t0;
    CHECK(slept >= 30000000);
    CHECK(slept < 2000000000);
    /* A deadline in the past returns at once. */
    t0 = plat_clock_monotonic();
    plat_yield(t0 > 1000 ? t0 - 1000 : 0);
    CHECK(plat_clock_monotonic() - t0 < 100000000);
}

static void test_random(void)
{
    uint8_t a[64], b[64];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    plat_random(a, sizeof a);
    plat_random(b, sizeof b);
    CHECK(memcmp(a, b, sizeof a) != 0);
    plat_random(a, 0);
}

static void test_file_read(void)
{
    char path[] = "/tmp/plat_posix_testXXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    size_t n = 100000;
    uint8_t *bytes = malloc(n);
    for (size_t i = 0; i < n; i++)
        bytes[i] = (uint8_t)(i * 7);
    CHECK(write(fd, bytes, n) == (ssize_t)n);
    close(fd);

    uint8_t *data = NULL;
    size_t len = 0;
    CHECK(plat_file_read(path, &data, &len) == PLAT_OK);
    CHECK(len == n && data != NULL && memcmp(data, bytes, n) == 0);
    vm_free(data);

    /* An empty file reads as zero bytes. */
    fd = open(path, O_WRONLY | O_TRUNC);
    close(fd);
    CHECK(plat_file_read(path, &data, &len) == PLAT_OK);
    CHECK(len == 0);
    vm_free(data);
    unlink(path);
    free(bytes);

    /* A file whose size the file system does not know. */
    CHECK(plat_file_read("/proc/self/stat", &data, &len) == PLAT_OK);
    CHECK(len > 0);
    vm_free(data);

    CHECK(plat_file_read("/nonexistent/file.beam", &data, &len) == PLAT_EINVAL);
    CHECK(plat_file_read("/tmp", &data, &len) == PLAT_EINVAL);
}

int main(void)
{
    test_clocks();
    test_yield();
    test_random();
    test_file_read();
    if (failures)
        printf("plat_posix_test: %d failures\n", failures);
    else
        printf("plat_posix_test: ok\n");
    return failures != 0;
}
