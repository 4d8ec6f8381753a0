/* Fuzz JSON Lines reading: any line becomes a document or an error record, and what is written is valid JSON. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "json_writer.h"
#include "jsonl.h"
#include "registry.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static registry reg;
    static int ready;
    if (!ready && registry_init(&reg) == 0)
        ready = 1;
    pipe_doc *d = jsonl_doc(&reg, (const char *)data, size, "fuzz.jsonl", 1, 1 << 20);
    if (!d)
        return 0; /* out of memory only */
    buf out = {0};
    write_opts wo = {NULL, 0, 0, NULL, 0, TEXT_AUTO, 0};
    if (json_write_doc(&out, d, &wo) != 0)
        abort();
    if (utf8_valid_prefix(out.data, out.len) != out.len)
        abort();
    json_t *back = json_loadb(out.data, out.len, JSON_ALLOW_NUL, NULL);
    if (!back || !json_is_string(json_object_get(back, "id")))
        abort();
    json_decref(back);
    buf_free(&out);
    doc_free(d);
    return 0;
}
