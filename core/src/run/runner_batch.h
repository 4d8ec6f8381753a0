/* The batches the runner moves documents in, shared by the thread runner and the --isolate supervisor. */
#ifndef PIPE_RUNNER_BATCH_H
#define PIPE_RUNNER_BATCH_H

#include <stddef.h>

#include "archive/archive_writer.h"
#include "util/buf.h"
#include "config/pipeline_conf.h"
#include "doc/doc.h"
#include "input/input_stream.h"
#include "output/output_file.h"
#include "run/pipeline.h"
#include "run/runner.h"
#include "output/writer.h"

/*
 * Documents travel in batches: news articles are small (Reuters averages under
 * 1 KB), and a lock, a wake-up and a write per document would cost more than
 * the stages. A batch closes at BATCH_DOCS documents or BATCH_BYTES of input.
 */
#define BATCH_DOCS 64
#define BATCH_BYTES (256u * 1024)

typedef enum slot_state { SLOT_EMPTY,
                          SLOT_READY,
                          SLOT_BUSY,
                          SLOT_DONE } slot_state;

/* What one document of a batch produced: its result and where its output lies in the batch buffers. */
typedef struct item_result {
    doc_result result;
    size_t out_off, out_len;   /* in slot.out: what goes to the output */
    size_t json_off, json_len; /* in slot.json, or slot.out when json_len is 0: what goes to the archive */
    size_t bytes;
    int nomem;
    char *id, *stage, *message; /* kept for messages after the document is freed */
} item_result;

typedef struct slot {
    input_item items[BATCH_DOCS];
    item_result res[BATCH_DOCS];
    size_t n;
    buf out, json;
    slot_state state;
} slot;

/* Everything a worker needs, read-only while the workers run. */
typedef struct job {
    pipeline *p;
    const conf *c;
    const write_opts *wo;
    const input *in;
    int archiving;
} job;

/* What one worker thread reuses from document to document: a spare document and the JSONL reader's buffers. */
typedef struct worker_scratch {
    doc_cache docs;
    jsonl_scratch jsonl;
} worker_scratch;
/* Start a worker's scratch (nothing allocated yet). */
void worker_scratch_init(worker_scratch *w);
/* Free what it holds. */
void worker_scratch_free(worker_scratch *w);

/*
 * Run the stages over doc (taking it; NULL = out of memory) and serialize it into out (and json for
 * the archive); the finished document goes to docs (NULL: freed).
 */
void batch_process_doc(const job *j, size_t worker, pipe_doc *doc, buf *out, buf *json, item_result *r,
                       doc_cache *docs);
/* Report, write and archive a finished batch in order, then flush the output; the caller owns the slot. */
void batch_finish(slot *s, output *out, archive *ar, runner_stats *st);
/* Fill a slot from the input (main thread only); returns -1 on no memory, else 0; sets *end at the end. */
int batch_fill(input *in, slot *s, int *end);
/* Free a slot's items and buffers. */
void batch_free(slot *s);

#endif
