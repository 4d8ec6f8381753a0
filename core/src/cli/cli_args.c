#include "cli/cli_args.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "run/runner.h"

enum { OPT_ARCHIVE_LEVEL = 248,
       OPT_ARCHIVE = 249,
       OPT_PROGRESS = 250,
       OPT_NO_PROGRESS,
       OPT_LAYERS = 256,
       OPT_SET,
       OPT_CHECK,
       OPT_LIST,
       OPT_VERSION,
       OPT_DESCRIBE,
       OPT_PRETTY,
       OPT_INSECURE,
       OPT_ISOLATE };

void cli_usage(FILE *f)
{
    fputs("usage: pipe -c PIPELINE.conf [options] FILE...   (FILE '-' is standard input)\n"
          "       pipe [options] [FILE...]   (the installed pipeline.conf; no FILE: piped-in standard input)\n"
          "       pipe -c PIPELINE.conf --check\n"
          "       pipe --list-plugins | --describe NAME | --help | --version\n"
          "\n"
          "Runs each input file (plain or .gz) through the stages the pipeline lists and\n"
          "writes what they found: one JSON object per document (JSON Lines), or a report.\n"
          "\n"
          "options:\n"
          "  -c, --config FILE|NAME   pipeline file (libconfig syntax), or NAME of an installed one\n"
          "                           (share/pipe/NAME.conf); default: the installed pipeline.conf\n"
          "  -f, --format FMT         json (default), jsonl, text or html\n"
          "  -o, --output FILE        write to FILE (appears only when complete) instead of stdout\n"
          "      --archive DIR        also keep the results in gzip archives with an index in DIR\n"
          "      --archive-level N    zlib level 0-9 of the archives (default 6)\n"
          "  -P, --plugin-dir DIR     look for plugins in DIR first (repeatable)\n"
          "  -i, --input-format FMT   auto (the default), text or jsonl\n"
          "                           (auto: JSON Lines for .jsonl/.ndjson[.gz], and for standard input\n"
          "                           whose first line is a JSON object)\n"
          "  -r, --recursive          read the files under folders (sorted by name, hidden skipped)\n"
          "  -j, --jobs N             N worker threads (default 1, or `jobs` in the pipeline file;\n"
          "                           at most 4 per online core)\n"
          "      --isolate            run the stages in worker processes: a crash or a hang past\n"
          "                           stage_timeout costs one document (an error record), not the run\n"
          "      --progress, --no-progress  force the progress line on or off (default: on a terminal)\n"
          "      --layers LIST        layers to write: a,b,c | all | none (id and counts only)\n"
          "      --set S.OPT=VALUE    override option OPT of stage S (repeatable, type-checked)\n"
          "      --pretty             indent JSON for reading\n"
          "      --check              load and check the pipeline, run it on a built-in text, exit\n"
          "      --list-plugins       list the plugins found: name, version, consumes, produces, path\n"
          "      --describe NAME      show a stage's description, options and layers (a name, not a path);\n"
          "                           with -f json as JSON, a JSON Schema for each layer's records\n"
          "      --allow-insecure-plugins  load plugins from files or folders others own or can write\n"
          "  -q, --quiet              only errors on stderr\n"
          "  -v, --verbose            also informational messages\n"
          "  -h, --help               this text\n"
          "      --version            versions of pipe, the plugin ABI and the libraries it runs with\n"
          "\n"
          "exit status: 0 all documents processed; 1 some documents failed (each gets an error\n"
          "record); 2 usage, pipeline or plugin error (nothing processed); 3 output could not be written;\n"
          "4 a stage crashed (stage and document named on stderr, earlier records written);\n"
          "130/143 stopped by SIGINT/SIGTERM after finishing the documents in flight.\n",
          f);
}

int cli_parse(cli *c, int argc, char **argv, char *err, size_t errlen)
{
    static const struct option longs[] = {
        {"config", required_argument, NULL, 'c'}, {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'}, {"plugin-dir", required_argument, NULL, 'P'}, {"layers", required_argument, NULL, OPT_LAYERS}, {"set", required_argument, NULL, OPT_SET}, {"check", no_argument, NULL, OPT_CHECK}, {"list-plugins", no_argument, NULL, OPT_LIST}, {"describe", required_argument, NULL, OPT_DESCRIBE}, {"pretty", no_argument, NULL, OPT_PRETTY}, {"allow-insecure-plugins", no_argument, NULL, OPT_INSECURE}, {"quiet", no_argument, NULL, 'q'}, {"verbose", no_argument, NULL, 'v'}, {"input-format", required_argument, NULL, 'i'}, {"jobs", required_argument, NULL, 'j'}, {"recursive", no_argument, NULL, 'r'}, {"archive", required_argument, NULL, OPT_ARCHIVE}, {"archive-level", required_argument, NULL, OPT_ARCHIVE_LEVEL}, {"progress", no_argument, NULL, OPT_PROGRESS}, {"no-progress", no_argument, NULL, OPT_NO_PROGRESS}, {"isolate", no_argument, NULL, OPT_ISOLATE}, {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, OPT_VERSION}, {NULL, 0, NULL, 0}};
    memset(c, 0, sizeof *c);
    c->progress = -1;
    c->archive_level = -1;
    opterr = 0;
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, ":c:f:o:P:i:j:rqvh", longs, NULL)) != -1) {
        switch (ch) {
        case 'c':
            c->config = optarg;
            break;
        case 'f':
            c->format = optarg;
            break;
        case 'o':
            c->output = optarg;
            break;
        case 'P':
            if (strvec_add(&c->plugin_dirs, optarg))
                goto nomem;
            break;
        case OPT_LAYERS:
            c->layers = optarg;
            break;
        case OPT_SET:
            if (strvec_add(&c->sets, optarg))
                goto nomem;
            break;
        case OPT_CHECK:
            c->check = 1;
            break;
        case OPT_LIST:
            c->list_plugins = 1;
            break;
        case OPT_DESCRIBE:
            c->describe = optarg;
            break;
        case OPT_PRETTY:
            c->pretty = 1;
            break;
        case OPT_INSECURE:
            c->allow_insecure = 1;
            break;
        case 'i':
            c->input_format = optarg;
            break;
        case 'j': {
            char *end;
            errno = 0;
            c->jobs = strtol(optarg, &end, 10);
            if (*end || end == optarg || errno) {
                snprintf(err, errlen, "-j '%s': expected a number of workers", optarg);
                return -1;
            }
            if (runner_check_jobs(c->jobs, "-j", err, errlen))
                return -1;
            break;
        }
        case 'r':
            c->recursive = 1;
            break;
        case OPT_ARCHIVE:
            c->archive = optarg;
            break;
        case OPT_ARCHIVE_LEVEL:
            if (!optarg[0] || optarg[1] || optarg[0] < '0' || optarg[0] > '9') {
                snprintf(err, errlen, "--archive-level '%s': expected a zlib level from 0 to 9", optarg);
                return -1;
            }
            c->archive_level = optarg[0] - '0';
            break;
        case OPT_PROGRESS:
            c->progress = 1;
            break;
        case OPT_ISOLATE:
            c->isolate = 1;
            break;
        case OPT_NO_PROGRESS:
            c->progress = 0;
            break;
        case 'q':
            c->quiet = 1;
            break;
        case 'v':
            c->verbose = 1;
            break;
        case 'h':
            c->help = 1;
            break;
        case OPT_VERSION:
            c->version = 1;
            break;
        case ':':
            snprintf(err, errlen, "option '%s' needs a value", argv[optind - 1]);
            return -1;
        default:
            snprintf(err, errlen, "unknown option '%s' (see pipe --help)", argv[optind - 1]);
            return -1;
        }
    }
    c->inputs = argv + optind;
    c->ninputs = (size_t)(argc - optind);
    return 0;
nomem:
    snprintf(err, errlen, "out of memory");
    return -1;
}

void cli_free(cli *c)
{
    strvec_free(&c->plugin_dirs);
    strvec_free(&c->sets);
}
