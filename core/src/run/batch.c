/*
 * One batch of documents from start to end: filled from the input, each document run through the
 * stages and serialized, the results reported, written and archived in order. Shared by the thread
 * runner (runner.c) and the --isolate supervisor and workers (isolate.c); it calls neither, so
 * neither of them reaches into the other.
 */
#include "run/runner_batch.h"

#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"
#include "output/html_writer.h"
#include "output/json_writer.h"
#include "output/text_writer.h"
#include "run/signals.h"
#include "util/buf.h"
#include "util/log.h"

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

void worker_scratch_init(worker_scratch *w)
{
    memset(w, 0, sizeof *w);
    w->jsonl.docs = &w->docs;
}

void worker_scratch_free(worker_scratch *w)
{
    jsonl_scratch_free(&w->jsonl);
    doc_cache_free(&w->docs);
}

void batch_process_doc(const job *j, size_t worker, pipe_doc *doc, buf *out, buf *json, item_result *r,
                       doc_cache *docs)
{
    memset(r, 0, sizeof *r);
    if (!doc) {
        r->nomem = 1;
        r->result = DOC_FAILED;
        return;
    }
    r->result = pipeline_run_doc(j->p, worker, doc);
    r->id = dup_or_null(doc_get_id(doc));
    doc_get_text(doc, &r->bytes);
    if (r->result == DOC_FAILED) {
        r->stage = dup_or_null(doc_error_stage(doc));
        r->message = dup_or_null(doc_error_message(doc));
    }
    if (r->result != DOC_SKIPPED) {
        int rc = 0;
        /* JSON reads only the layers it writes (the text and HTML writers may read others, and
         * --layers none counts them all). */
        if (j->c->format != OUT_TEXT && j->c->format != OUT_HTML && !j->wo->counts_only)
            doc_shed(doc, j->wo->layers, j->wo->nlayers);
        r->out_off = out->len;
        if (j->c->format == OUT_TEXT) {
            rc |= text_write_doc(out, doc, j->wo);
        } else if (j->c->format == OUT_HTML) {
            rc |= html_write_doc(out, doc, j->wo);
        } else {
            rc |= json_write_doc(out, doc, j->wo);
            rc |= buf_putc(out, '\n');
        }
        r->out_len = out->len - r->out_off;
        if (j->archiving && (j->c->format == OUT_TEXT || j->c->format == OUT_HTML || j->wo->pretty)) {
            /* Archives always hold compact JSON Lines, whatever the screen shows. */
            write_opts compact = *j->wo;
            compact.pretty = 0;
            r->json_off = json->len;
            rc |= json_write_doc(json, doc, &compact);
            rc |= buf_putc(json, '\n');
            r->json_len = json->len - r->json_off;
        }
        r->nomem = rc != 0 || !r->id;
    }
    doc_cache_put(docs, doc);
}

void batch_finish(slot *s, output *out, archive *ar, runner_stats *st)
{
    for (size_t k = 0; k < s->n; k++) {
        item_result *r = &s->res[k];
        const char *id = r->id ? r->id : "(unknown)";
        if (r->result == DOC_FAILED && !r->nomem) {
            st->failed++;
            log_msg(PIPE_LOG_ERROR, NULL, "%s: [%s] %s", id, r->stage ? r->stage : "?", r->message ? r->message : "?");
        } else if (r->nomem) {
            st->failed++;
            log_msg(PIPE_LOG_ERROR, NULL, "%s: out of memory", id);
        }
        if (r->result != DOC_SKIPPED && !r->nomem) {
            st->docs++;
            st->bytes += r->bytes;
            if (!st->write_failed && output_write(out, s->out.data + r->out_off, r->out_len))
                st->write_failed = st->output_failed = 1;
            if (ar && !st->write_failed) {
                const char *line = r->json_len ? s->json.data + r->json_off : s->out.data + r->out_off;
                if (archive_add(ar, id, line, r->json_len ? r->json_len : r->out_len))
                    st->write_failed = 1;
            }
        }
        free(r->id);
        free(r->stage);
        free(r->message);
        r->id = r->stage = r->message = NULL;
    }
    s->n = 0;
    /* Per batch, whatever the output is: a crash later loses no finished record, a live feed sees
       its results at once, and a file still gets large writes (a batch is up to BATCH_DOCS records). */
    if (!st->write_failed && output_flush(out))
        st->write_failed = st->output_failed = 1;
}

int batch_fill(input *in, slot *s, int *end)
{
    size_t bytes = 0;
    s->n = 0;
    *end = 0;
    while (s->n < BATCH_DOCS && bytes < BATCH_BYTES) {
        if (signals_pending()) {
            *end = 1;
            break;
        }
        /* A live feed must not wait for a full batch: close it when the producer pauses. */
        if (s->n > 0 && !input_ready(in))
            break;
        int rc = input_next_item(in, &s->items[s->n]);
        if (rc <= 0) {
            *end = 1;
            return rc;
        }
        size_t len = 0;
        if (s->items[s->n].doc)
            doc_get_text(s->items[s->n].doc, &len);
        bytes += s->items[s->n].line ? s->items[s->n].len : len;
        s->n++;
    }
    return 0;
}

void batch_free(slot *s)
{
    for (size_t k = 0; k < BATCH_DOCS; k++)
        input_item_free(&s->items[k]);
    buf_free(&s->out);
    buf_free(&s->json);
}
