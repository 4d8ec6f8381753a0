/*
 * mangled: a C++ stage that writes its entry point by hand instead of using
 * PIPE_PLUGIN_DEFINE, so the entry gets a C++-mangled name. The loader must
 * say that, rather than tell the author to use the macro he thinks he used.
 */
#include <pipe/plugin.h>

namespace
{

int mangled_process(void *, const pipe_call *)
{
    return PIPE_OK;
}

const pipe_plugin descriptor = {PIPE_PLUGIN_HEADER, "mangled", "1.0.0", "entry without C linkage",
                                nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, mangled_process,
                                nullptr, nullptr};

} // namespace

PIPE_ABI_NOTE(mangled)
PIPE_EXPORT const pipe_plugin *mangled_LTX_pipe_plugin_entry(void);
PIPE_EXPORT const pipe_plugin *mangled_LTX_pipe_plugin_entry(void)
{
    return &descriptor;
}
