/* Reading the ABI note PIPE_PLUGIN_DEFINE puts in a plugin, without loading the file. */
#ifndef PIPE_ELF_NOTE_H
#define PIPE_ELF_NOTE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse the ELF header and PT_NOTE segments of the open file fd (of this
 * machine's class and byte order) with pread only: nothing is mapped or run.
 * 1 with *major and *minor from the "pipe" note, 0 when the file has no such
 * note, -1 when it is not a well-formed ELF shared object of this machine
 * (err says why). Every offset and size is checked against the file size.
 */
int elf_note_read_abi(int fd, uint32_t *major, uint32_t *minor, char *err, size_t errlen);

#endif
