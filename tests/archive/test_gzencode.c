/*
 * Both gzip member writers (zlib, and libdeflate when built with it) give members that zlib,
 * gzip and Python's gzip read back byte for byte, one member after another as in an archive.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "archive/gzmember.h"

/* Whether CMake found libdeflate for this build: a build that should have it and lacks it fails. */
#ifndef PIPE_EXPECT_LIBDEFLATE
#error "PIPE_EXPECT_LIBDEFLATE must be 0 or 1"
#endif

typedef struct sample {
    char *data;
    size_t n;
} sample;

/* Inputs that stress different parts of deflate: nothing, one byte, JSON-like text, bytes that do not compress. */
static sample make_sample(int which)
{
    size_t n = which == 0 ? 0 : which == 1 ? 1 :
                            which == 2     ? 3u << 20 :
                                             200000;
    char *d = malloc(n + 1);
    assert_non_null(d);
    uint32_t x = 2463534242u;
    for (size_t k = 0; k < n; k++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        if (which == 3)
            d[k] = (char)(x & 0xFF);
        else
            d[k] = "{\"id\":\"doc\",\"bytes\":880,\"tokens\":[{\"start\":0,\"end\":5}]}\n"[(k + x % 3) % 56];
    }
    return (sample){d, n};
}

typedef struct sink_buf {
    buf got;
} sink_buf;

static int to_buf(void *ctx, const char *data, size_t n)
{
    return buf_add(&((sink_buf *)ctx)->got, data, n);
}

/* Write every sample as one member into one file, then read the members back in order. */
static void round_trip(gz_backend backend, int level, const char *path)
{
    gz_encoder e;
    assert_int_equal(gz_encoder_init(&e, level, backend), 0);
    sample s[4];
    buf all = {0};
    for (int k = 0; k < 4; k++) {
        s[k] = make_sample(k);
        size_t before = all.len;
        assert_int_equal(gz_encoder_member(&e, s[k].data, s[k].n, &all), 0);
        assert_true(all.len - before >= 18); /* a gzip header and trailer at least */
        assert_int_equal((unsigned char)all.data[before], 0x1f);
        assert_int_equal((unsigned char)all.data[before + 1], 0x8b);
    }
    gz_encoder_free(&e);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(all.data, 1, all.len, f), all.len);
    assert_int_equal(fclose(f), 0);
    f = fopen(path, "rb");
    assert_non_null(f);
    for (int k = 0; k < 4; k++) {
        sink_buf sb = {{0}};
        uint64_t clen;
        const char *why;
        assert_int_equal(gz_read_member(f, to_buf, &sb, &clen, &why), GZM_OK);
        assert_int_equal(sb.got.len, s[k].n);
        assert_true(s[k].n == 0 || memcmp(sb.got.data, s[k].data, s[k].n) == 0);
        buf_free(&sb.got);
    }
    uint64_t clen;
    const char *why;
    assert_int_equal(gz_read_member(f, NULL, NULL, &clen, &why), GZM_END);
    fclose(f);
    buf_free(&all);
    /* The same file through the tools users have: gzip, and Python's gzip module. */
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "gzip -t '%s' && python3 -c 'import gzip,sys; sys.exit(0 if len(gzip.open(sys.argv[1]).read()) == %zu else 1)' '%s'",
             path, s[0].n + s[1].n + s[2].n + s[3].n, path);
    assert_int_equal(system(cmd), 0);
    for (int k = 0; k < 4; k++)
        free(s[k].data);
}

static void test_zlib(void **state)
{
    (void)state;
    char path[64];
    snprintf(path, sizeof path, "/tmp/pipe-test-gzencode-zlib-%ld.gz", (long)getpid());
    for (int level = 0; level <= 9; level += 3)
        round_trip(GZ_BACKEND_ZLIB, level, path);
    remove(path);
}

static void test_libdeflate(void **state)
{
    (void)state;
    assert_int_equal(gz_have_libdeflate(), PIPE_EXPECT_LIBDEFLATE);
    if (!gz_have_libdeflate()) {
        gz_encoder e;
        assert_int_equal(gz_encoder_init(&e, 6, GZ_BACKEND_LIBDEFLATE), -1);
        print_message("built with PIPE_DEFLATE_ZLIB or without libdeflate: only zlib writes members\n");
        return;
    }
    char path[64];
    snprintf(path, sizeof path, "/tmp/pipe-test-gzencode-ld-%ld.gz", (long)getpid());
    for (int level = 0; level <= 9; level += 3)
        round_trip(GZ_BACKEND_LIBDEFLATE, level, path);
    round_trip(GZ_BACKEND_DEFAULT, 6, path);
    remove(path);
}

/* libdeflate's files stay within a percent of zlib's at the archive's default level. */
static void test_sizes_close(void **state)
{
    (void)state;
    if (!gz_have_libdeflate()) {
        print_message("no libdeflate in this build: nothing to compare zlib's sizes with\n");
        return;
    }
    sample s = make_sample(2);
    buf z = {0}, l = {0};
    gz_encoder ez, el;
    assert_int_equal(gz_encoder_init(&ez, 6, GZ_BACKEND_ZLIB), 0);
    assert_int_equal(gz_encoder_init(&el, 6, GZ_BACKEND_LIBDEFLATE), 0);
    assert_int_equal(gz_encoder_member(&ez, s.data, s.n, &z), 0);
    assert_int_equal(gz_encoder_member(&el, s.data, s.n, &l), 0);
    assert_true((double)l.len < (double)z.len * 1.01);
    gz_encoder_free(&ez);
    gz_encoder_free(&el);
    buf_free(&z);
    buf_free(&l);
    free(s.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zlib),
        cmocka_unit_test(test_libdeflate),
        cmocka_unit_test(test_sizes_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
