#include "cli/describe_json.h"

#include <string.h>

#include "output/json_writer.h"
#include "output/layer_walk.h"
#include "config/stage_options.h"

/* A byte offset, as docs/pipe-output.schema.json defines it. */
static const char offset[] = "{\"type\":\"integer\",\"minimum\":0,\"maximum\":4294967295}";

static int str(buf *out, const char *s)
{
    return s ? json_put_string(out, s, strlen(s)) : buf_puts(out, "null");
}

static int names(buf *out, const char *const *v)
{
    int rc = buf_putc(out, '[');
    for (size_t k = 0; v && v[k]; k++)
        rc |= (k ? buf_putc(out, ',') : 0) | str(out, v[k]);
    return rc | buf_putc(out, ']');
}

int describe_json_begin(buf *out, const pipe_plugin *d, const pipe_option *opts, const char *file)
{
    int rc = buf_puts(out, "{\"name\":") | str(out, d->name) | buf_puts(out, ",\"version\":") | str(out, d->version) |
             buf_puts(out, ",\"description\":") | str(out, d->description) | buf_puts(out, ",\"file\":") |
             str(out, file) |
             buf_printf(out, ",\"abi\":{\"major\":%u,\"minor\":%u},\"consumes\":", d->abi_major, d->abi_minor) |
             names(out, d->consumes) | buf_puts(out, ",\"consumes_optional\":") | names(out, d->consumes_optional) |
             buf_puts(out, ",\"produces\":") | names(out, d->produces) | buf_puts(out, ",\"options\":[");
    for (size_t k = 0; opts && opts[k].name; k++) {
        const pipe_option *o = &opts[k];
        rc |= buf_puts(out, k ? ",{\"name\":" : "{\"name\":") | str(out, o->name) | buf_puts(out, ",\"type\":") |
              str(out, cfg_type_name(o->type)) | buf_puts(out, ",\"default\":") | str(out, o->default_value) |
              buf_puts(out, ",\"help\":") | str(out, o->help) |
              buf_puts(out, (o->flags & PIPE_OPTF_REQUIRED) ? ",\"required\":true" : ",\"required\":false");
        if (o->flags & PIPE_OPTF_MIN)
            rc |= buf_printf(out, ",\"min\":%.17g", o->min);
        if (o->flags & PIPE_OPTF_MAX)
            rc |= buf_printf(out, ",\"max\":%.17g", o->max);
        if (o->choices)
            rc |= buf_puts(out, ",\"choices\":") | names(out, o->choices);
        rc |= buf_putc(out, '}');
    }
    return rc | buf_puts(out, "],\"layers\":{");
}

/* The schema of one field's JSON value, as json_field_value writes it. */
static int field_schema(buf *out, const pipe_field *f)
{
    switch (f->type) {
    case PIPE_FIELD_U8:
    case PIPE_FIELD_U16:
    case PIPE_FIELD_U32:
    case PIPE_FIELD_U64:
        return buf_puts(out, "{\"type\":\"integer\",\"minimum\":0}");
    case PIPE_FIELD_I32:
    case PIPE_FIELD_I64:
        return buf_puts(out, "{\"type\":\"integer\"}");
    case PIPE_FIELD_F64:
        return buf_puts(out, "{\"type\":[\"number\",\"null\"]}"); /* null: not finite */
    case PIPE_FIELD_BOOL:
        return buf_puts(out, "{\"type\":\"boolean\"}");
    case PIPE_FIELD_ENUM16:
        return buf_puts(out, "{\"enum\":") | names(out, f->names) | buf_putc(out, '}');
    case PIPE_FIELD_FLAGS16:
    case PIPE_FIELD_FLAGS32:
        return buf_puts(out, "{\"type\":\"array\",\"uniqueItems\":true,\"items\":{\"enum\":") | names(out, f->names) |
               buf_puts(out, "}}");
    case PIPE_FIELD_STR:
    case PIPE_FIELD_SPAN_TEXT:
        return buf_puts(out, "{\"type\":[\"string\",\"null\"]}");
    case PIPE_FIELD_SPAN:
        return buf_printf(out, "{\"oneOf\":[{\"type\":\"array\",\"prefixItems\":[%s,%s],\"minItems\":2,\"items\":false},"
                               "{\"type\":\"null\"}]}",
                          offset, offset);
    }
    return buf_puts(out, "{}");
}

int describe_json_layer(buf *out, const pipe_layer_schema *s, int first)
{
    int rc = (first ? 0 : buf_putc(out, ',')) | str(out, s->name) |
             buf_puts(out, ":{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"description\":") |
             str(out, s->description) | buf_printf(out, ",\"type\":\"object\",\"properties\":{\"start\":%s,\"end\":%s", offset, offset) |
             /* text: per the layer's default, or output.text; never required. */
             buf_puts(out, ",\"text\":{\"type\":\"string\"}");
    size_t k = 0;
    for (const pipe_field *f; (f = layer_next_field(s, &k));)
        rc |= buf_putc(out, ',') | str(out, f->name) | buf_putc(out, ':') | field_schema(out, f);
    rc |= buf_puts(out, "},\"required\":[\"start\",\"end\"");
    k = 0;
    for (const pipe_field *f; (f = layer_next_field(s, &k));)
        rc |= buf_putc(out, ',') | str(out, f->name);
    return rc | buf_puts(out, "],\"additionalProperties\":false}");
}

int describe_json_end(buf *out)
{
    return buf_puts(out, "}}\n");
}
