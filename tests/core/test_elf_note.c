/* The ABI-note reader on real plugins, on files that are not plugins, and on every truncation and
   many single-byte corruptions of a plugin: it answers found / no note / not ELF and never reads
   outside what it allocated (run under ASan by scripts/test.sh --sanitize). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "pipe/plugin.h"

#include <fcntl.h>

#include "plugins/elf_note.h"

static int read_note(const char *name, uint32_t *major, uint32_t *minor)
{
    char path[1024], err[256] = "";
    snprintf(path, sizeof path, "%s/%s", FIXTURE_DIR, name);
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    int rc = elf_note_read_abi(fd, major, minor, err, sizeof err);
    close(fd);
    if (rc < 0)
        assert_true(err[0] != '\0');
    return rc;
}

static void test_fixtures(void **st)
{
    (void)st;
    uint32_t major = 0, minor = 0;
    assert_int_equal(read_note("failing_process.so", &major, &minor), 1);
    assert_int_equal(major, PIPE_ABI_MAJOR);
    assert_int_equal(minor, 0);
    assert_int_equal(read_note("ctor_abi.so", &major, &minor), 1);
    assert_int_equal(major, 99);
    assert_int_equal(read_note("no_note.so", &major, &minor), 0);
    assert_int_equal(read_note("not_an_object.so", &major, &minor), -1);
}

static unsigned char *slurp(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", FIXTURE_DIR, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    unsigned char *data = malloc(1 << 20);
    assert_non_null(data);
    *len = fread(data, 1, 1 << 20, f);
    fclose(f);
    return data;
}

/* Write data to a scratch file and ask the reader; only the three documented answers are allowed. */
static int probe(int fd, const unsigned char *data, size_t len)
{
    assert_int_equal(ftruncate(fd, 0), 0);
    assert_int_equal(pwrite(fd, data, len, 0), (ssize_t)len);
    uint32_t major = 0, minor = 0;
    char err[256];
    int rc = elf_note_read_abi(fd, &major, &minor, err, sizeof err);
    assert_true(rc >= -1 && rc <= 1);
    return rc;
}

static void test_damaged_files(void **st)
{
    (void)st;
    size_t len;
    unsigned char *data = slurp("failing_process.so", &len);
    char tmpl[] = "/tmp/pipe-elf-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    unlink(tmpl);
    assert_int_equal(probe(fd, data, len), 1);
    /* Every truncation inside the headers and notes, then coarser ones. */
    for (size_t n = 0; n < len; n += n < 2048 ? 1 : 509)
        probe(fd, data, n);
    /* Each of the first 1024 bytes (ELF header, program headers, notes) set to 0x00, 0xff and 0x80. */
    static const unsigned char values[] = {0x00, 0xff, 0x80};
    size_t top = len < 1024 ? len : 1024;
    for (size_t i = 0; i < top; i++) {
        unsigned char keep = data[i];
        for (size_t v = 0; v < sizeof values; v++) {
            data[i] = values[v];
            probe(fd, data, len);
        }
        data[i] = keep;
    }
    close(fd);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_damaged_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
