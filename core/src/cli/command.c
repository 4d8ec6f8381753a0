/*
 * cli/: the pipe command from argv to an exit status (command.c), and the programs' faces:
 * argument parsing (cli_args), --version, --list-plugins and --describe, the -v summary. It owns the
 * order of a run: read the pipeline file (config/), load the stages (plugins/, run/pipeline), open the
 * inputs (input/), the output and the archive (output/, archive/), then hand over to run/. It may call
 * every other folder; nothing in core/ calls cli/ except pipe-archive, for the version line.
 */
#include "cli/command.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "cli/cli_args.h"
#include "config/pipeline_conf.h"
#include "run/crash.h"
#include "doc/doc.h"
#include "output/html_writer.h"
#include "cli/inspect.h"
#include "plugins/loader.h"
#include "util/log.h"
#include "output/output_file.h"
#include "run/pipeline.h"
#include "config/pipeline_file.h"
#include "run/progress.h"
#include "cli/run_summary.h"
#include "run/runner.h"
#include "run/signals.h"
#include "util/stdfds.h"
#include "cli/version.h"

/* What --check runs through the pipeline: short, but with the shapes stages must handle. */
static const char check_text[] =
    "Markets rally as talks resume\n\n"
    "Shares rose 2.5% on Monday, the U.K. agency said. \"We are hopeful,\" Dr Jane Smith told reporters.\n\n"
    "She said the deal was \"a step forward\" for both sides.\n";

static int describe_or_list(const cli *a, const conf *c, const strvec *dirs)
{
    if (a->describe) {
        int json = a->format && strcmp(a->format, "json") == 0;
        if (a->format && !json && strcmp(a->format, "text") != 0) {
            log_msg(PIPE_LOG_ERROR, NULL, "-f '%s': --describe writes text (the default) or json", a->format);
            return EXIT_USAGE;
        }
        return inspect_describe(stdout_stream(), a->describe, dirs, c ? c->dir : NULL, json) == 0 ? EXIT_ALL_OK : EXIT_USAGE;
    }
    inspect_list(stdout_stream(), dirs);
    return EXIT_ALL_OK;
}

static int apply_cli(conf *c, const cli *a, char *err, size_t errlen)
{
    if (a->format && conf_parse_format(a->format, &c->format)) {
        snprintf(err, errlen, "-f '%s': unknown format (use json, jsonl, text or html)", a->format);
        return -1;
    }
    if (a->layers && conf_set_layers(c, a->layers, err, errlen))
        return -1;
    if (a->output) {
        free(c->output_path);
        c->output_path = strcmp(a->output, "-") == 0 ? NULL : strdup(a->output);
    }
    if (a->pretty)
        c->pretty = 1;
    if (a->isolate)
        c->isolate = 1;
    if (a->archive_level >= 0)
        c->archive.level = a->archive_level;
    if (a->archive) {
        free(c->archive_dir);
        if (!(c->archive_dir = strdup(a->archive))) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
    if (c->format == OUT_JSONL)
        c->pretty = 0;
    return 0;
}

static int check_pipeline(pipeline *p, const conf *c)
{
    char *text = strdup(check_text);
    pipe_doc *doc = text ? doc_new(&p->reg, "(check)", text, sizeof check_text - 1) : NULL;
    if (!doc) {
        free(text);
        return EXIT_USAGE;
    }
    doc_result r = pipeline_run_doc(p, 0, doc);
    int status = EXIT_ALL_OK;
    if (r == DOC_FAILED) {
        log_msg(PIPE_LOG_ERROR, NULL, "%s: stage '%s' failed on the built-in test text: %s", c->path,
                doc_error_stage(doc), doc_error_message(doc));
        status = EXIT_USAGE;
    } else {
        FILE *f = stdout_stream();
        fprintf(f, "%s: ok, %zu stage%s:", c->path, p->n, p->n == 1 ? "" : "s");
        for (size_t k = 0; k < p->n; k++)
            fprintf(f, "%s %s", k ? " ->" : "", p->stages[k].cs->name);
        fprintf(f, "\ntest text: %zu bytes;", sizeof check_text - 1);
        for (size_t k = 0; k < p->nproduced; k++) {
            size_t n;
            doc_layer_records(doc, p->produced[k], &n);
            fprintf(f, " %s %zu", registry_schema(&p->reg, p->produced[k])->name, n);
        }
        fprintf(f, "\n");
    }
    doc_free(doc);
    return status;
}

static int process_inputs(pipeline *p, const conf *c, const cli *a)
{
    input_opts io = {INPUT_AUTO, a->recursive, c->max_document_bytes};
    if (a->input_format && strcmp(a->input_format, "auto") != 0) {
        if (strcmp(a->input_format, "text") == 0) {
            io.format = INPUT_TEXT;
        } else if (strcmp(a->input_format, "jsonl") == 0) {
            io.format = INPUT_JSONL;
        } else {
            log_msg(PIPE_LOG_ERROR, NULL, "-i '%s': unknown input format (use auto, text or jsonl)", a->input_format);
            return EXIT_USAGE;
        }
    }
    output out;
    char err[1024];
    if (output_open(&out, c->output_path, err, sizeof err)) {
        log_msg(PIPE_LOG_ERROR, NULL, "%s", err);
        return EXIT_USAGE;
    }
    /* A crash keeps what -o wrote as FILE.partial, like a signal (NULL without -o or memory). */
    char *crash_partial = output_partial_name(&out);
    crash_keep_output(crash_partial ? out.tmp : NULL, crash_partial);
    archive *ar = NULL;
    if (c->archive_dir) {
        archive_opts ao = c->archive;
        ao.dir = c->archive_dir;
        ao.workers = (int)c->jobs;
        if (!(ar = archive_open(&ao, err, sizeof err))) {
            log_msg(PIPE_LOG_ERROR, NULL, "%s", err);
            crash_keep_output(NULL, NULL);
            free(crash_partial);
            output_close(&out, 0, err, sizeof err);
            return EXIT_USAGE;
        }
        /* A reader that goes away (pipe --archive A ... | head) must not kill us with the archive
           half-written: the write fails with EPIPE instead, the run stops, the archive closes
           validly, and then we end of SIGPIPE as usual (below). */
        signal(SIGPIPE, SIG_IGN);
    }
    signals_install();
    input *in = input_open(a->inputs, a->ninputs, &io, &p->reg);
    write_opts wo = {p->out_layers, p->nout, c->layers_none, p->produced, p->nproduced, c->text, c->pretty};
    runner_stats st = {0};
    int show = a->progress >= 0 ? a->progress : isatty(STDERR_FILENO);
    /* The HTML page opens before the first document and closes after the last, whatever the count. */
    int head_failed = in && c->format == OUT_HTML && html_begin(&out);
    double started = progress_now();
    int rc = in && !head_failed ? runner_run(p, c, in, &out, ar, &wo, show, &st) : -1;
    run_summary_end(&st, progress_now() - started);
    if (rc == 0 && c->format == OUT_HTML && !st.output_failed && html_end(&out, st.docs, st.failed))
        st.output_failed = 1;
    st.output_failed |= head_failed;
    input_close(in);
    int status = rc == 0 ? EXIT_ALL_OK : EXIT_OUTPUT;
    if (archive_close(ar, err, sizeof err)) {
        log_msg(PIPE_LOG_ERROR, NULL, "%s", err);
        status = EXIT_OUTPUT;
    }
    /* A failed archive stops the run but leaves the output whole up to that point: keep it. A signal
       leaves it whole too, but short: it must never be taken for the complete result, so it goes to
       FILE.partial and FILE stays as it was (README "Using pipe", pipe(1) -o). */
    crash_keep_output(NULL, NULL);
    free(crash_partial);
    int end = rc == 0 && !st.output_failed ? st.signal ? OUTPUT_PARTIAL : OUTPUT_COMMIT : OUTPUT_DISCARD;
    char *partial = end == OUTPUT_PARTIAL ? output_partial_name(&out) : NULL;
    int out_rc = output_close(&out, end, err, sizeof err);
    if (partial && !out_rc)
        log_msg(PIPE_LOG_WARN, NULL, "stopped by %s: the %llu documents finished are in %s; %s is untouched",
                st.signal == SIGINT ? "SIGINT" : "SIGTERM", (unsigned long long)st.docs, partial, c->output_path);
    free(partial);
    if (c->archive_dir && out.err == EPIPE) {
        signal(SIGPIPE, SIG_DFL);
        raise(SIGPIPE);
    }
    if (out_rc) {
        log_msg(PIPE_LOG_ERROR, NULL, "%s", err);
        status = EXIT_OUTPUT;
    }
    if (st.signal)
        return 128 + st.signal;
    if (status != EXIT_ALL_OK)
        return status;
    return st.failed ? EXIT_DOC_FAILED : EXIT_ALL_OK;
}

int pipe_main(int argc, char **argv)
{
    cli a;
    conf c = {0};
    char err[2048];
    int status = EXIT_USAGE, have_conf = 0, ltdl = 0, built = 0;
    pipeline p;
    strvec dirs = {0};
    /* Before any plugin is loaded: from here on only pipe writes to the real stdout. */
    if (stdout_claim()) {
        log_msg(PIPE_LOG_ERROR, NULL, "cannot duplicate standard output: %s", strerror(errno));
        return EXIT_USAGE;
    }
    char *conf_path = NULL;
    if (cli_parse(&a, argc, argv, err, sizeof err)) {
        log_msg(PIPE_LOG_ERROR, NULL, "%s", err);
        goto done;
    }
    if (a.help) {
        cli_usage(stdout_stream());
        status = EXIT_ALL_OK;
        goto done;
    }
    if (a.version) {
        version_print(stdout_stream(), "pipe");
        status = EXIT_ALL_OK;
        goto done;
    }
    log_set_level(a.quiet ? PIPE_LOG_ERROR : a.verbose ? PIPE_LOG_INFO :
                                                         PIPE_LOG_WARN);
    loader_allow_insecure(a.allow_insecure);
    /* --list-plugins and --describe need no pipeline; anything else runs one, the default when no -c. */
    if (a.config || (!a.list_plugins && !a.describe)) {
        have_conf = 1;
        if (pipeline_file_find(a.config, &conf_path, err, sizeof err) || conf_load(&c, conf_path, err, sizeof err) ||
            apply_cli(&c, &a, err, sizeof err)) {
            log_msg(PIPE_LOG_ERROR, NULL, "%s", err);
            goto done;
        }
    }
    if (paths_plugin_dirs((const char *const *)a.plugin_dirs.v, a.plugin_dirs.n, c.plugin_path, c.nplugin_path,
                          c.dir, &dirs) ||
        loader_init()) {
        log_msg(PIPE_LOG_ERROR, NULL, "cannot initialise the plugin loader");
        goto done;
    }
    ltdl = 1;
    if (a.list_plugins || a.describe) {
        status = describe_or_list(&a, have_conf ? &c : NULL, &dirs);
        goto done;
    }
    if (!a.check && a.ninputs == 0) {
        /* As jq and grep do: no files and something piped in means read it. */
        static char dash[] = "-", *stdin_only[] = {dash, NULL};
        if (isatty(STDIN_FILENO)) {
            log_msg(PIPE_LOG_ERROR, NULL, "no input files (give files, - for standard input, or pipe text in)");
            goto done;
        }
        a.inputs = stdin_only;
        a.ninputs = 1;
    }
    if (a.jobs)
        c.jobs = a.jobs;
    else if (runner_check_jobs(c.jobs, "jobs =", err, sizeof err)) {
        log_msg(PIPE_LOG_ERROR, NULL, "%s: %s", c.path, err);
        goto done;
    }
    built = 1;
    if (pipeline_build(&p, &c, &dirs, a.sets.v, a.sets.n, (size_t)c.jobs, err, sizeof err)) {
        log_msg(PIPE_LOG_ERROR, NULL, "%s", err);
        goto done;
    }
    if (crash_install())
        log_msg(PIPE_LOG_WARN, NULL, "cannot install the crash handlers: a crashing stage will not be named");
    run_summary_stages(&p, &c);
    status = a.check ? check_pipeline(&p, &c) : process_inputs(&p, &c, &a);
done:
    if (built)
        pipeline_free(&p);
    if (ltdl)
        loader_exit();
    if (have_conf)
        conf_free(&c);
    strvec_free(&dirs);
    free(conf_path);
    cli_free(&a);
    if (fflush(stdout_stream()) != 0 && status == EXIT_ALL_OK)
        status = EXIT_OUTPUT;
    return status;
}
