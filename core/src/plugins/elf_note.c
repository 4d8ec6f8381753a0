#include "plugins/elf_note.h"

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pipe/plugin.h"

#if UINTPTR_MAX > 0xffffffffu
typedef Elf64_Ehdr ehdr_t;
typedef Elf64_Phdr phdr_t;
#define NATIVE_CLASS ELFCLASS64
#else
typedef Elf32_Ehdr ehdr_t;
typedef Elf32_Phdr phdr_t;
#define NATIVE_CLASS ELFCLASS32
#endif

/* No sane plugin has more program headers or larger note segments than this. */
#define MAX_PHDRS 256
#define MAX_NOTE_BYTES (64u * 1024)

/* pread exactly n bytes at off; 0 or -1. */
static int read_at(int fd, void *dst, size_t n, uint64_t off)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, (char *)dst + got, n - got, (off_t)(off + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

/* Look for the pipe note in one note segment's bytes; 1 found, 0 not. */
static int scan_notes(const unsigned char *p, size_t len, size_t align, uint32_t *major, uint32_t *minor)
{
    size_t pos = 0;
    while (len - pos >= 12) {
        uint32_t h[3]; /* namesz, descsz, type */
        memcpy(h, p + pos, sizeof h);
        pos += 12;
        if (h[0] > len - pos)
            return 0;
        size_t desc = pos + ((h[0] + align - 1) & ~(align - 1));
        if (desc > len || h[1] > len - desc)
            return 0;
        if (h[0] == sizeof PIPE_ABI_NOTE_NAME && memcmp(p + pos, PIPE_ABI_NOTE_NAME, sizeof PIPE_ABI_NOTE_NAME) == 0 &&
            h[2] == PIPE_ABI_NOTE_TYPE && h[1] >= 8) {
            memcpy(major, p + desc, 4);
            memcpy(minor, p + desc + 4, 4);
            return 1;
        }
        size_t next = desc + ((h[1] + align - 1) & ~(align - 1));
        if (next > len)
            return 0;
        pos = next;
    }
    return 0;
}

int elf_note_read_abi(int fd, uint32_t *major, uint32_t *minor, char *err, size_t errlen)
{
    static const union {
        uint16_t u;
        unsigned char c[2];
    } order = {1};
    struct stat st;
    ehdr_t eh;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof eh || read_at(fd, &eh, sizeof eh, 0) ||
        memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) {
        snprintf(err, errlen, "not an ELF shared object");
        return -1;
    }
    uint64_t size = (uint64_t)st.st_size;
    if (eh.e_ident[EI_CLASS] != NATIVE_CLASS || eh.e_ident[EI_DATA] != (order.c[0] ? ELFDATA2LSB : ELFDATA2MSB) ||
        eh.e_type != ET_DYN) {
        snprintf(err, errlen, "not a shared object of this machine's kind (ELF class %u, byte order %u, type %u)",
                 eh.e_ident[EI_CLASS], eh.e_ident[EI_DATA], (unsigned)eh.e_type);
        return -1;
    }
    if (eh.e_phentsize != sizeof(phdr_t) || eh.e_phnum == 0 || eh.e_phnum > MAX_PHDRS || eh.e_phoff > size ||
        (uint64_t)eh.e_phnum * sizeof(phdr_t) > size - eh.e_phoff) {
        snprintf(err, errlen, "damaged ELF program header table");
        return -1;
    }
    phdr_t *ph = malloc((size_t)eh.e_phnum * sizeof *ph);
    int found = 0;
    if (!ph || read_at(fd, ph, (size_t)eh.e_phnum * sizeof *ph, eh.e_phoff)) {
        snprintf(err, errlen, ph ? "cannot read the ELF program headers" : "out of memory");
        found = -1;
    }
    for (size_t k = 0; found == 0 && k < eh.e_phnum; k++) {
        if (ph[k].p_type != PT_NOTE)
            continue;
        if (ph[k].p_offset > size || ph[k].p_filesz > size - ph[k].p_offset || ph[k].p_filesz > MAX_NOTE_BYTES) {
            snprintf(err, errlen, "damaged ELF note segment");
            found = -1;
            break;
        }
        /* Exactly the segment's size, so a reader that strays past it is caught by the sanitizers. */
        unsigned char *note = malloc((size_t)ph[k].p_filesz + 1);
        if (!note || read_at(fd, note, (size_t)ph[k].p_filesz, ph[k].p_offset)) {
            snprintf(err, errlen, note ? "cannot read an ELF note segment" : "out of memory");
            free(note);
            found = -1;
            break;
        }
        found = scan_notes(note, (size_t)ph[k].p_filesz, ph[k].p_align == 8 ? 8 : 4, major, minor);
        free(note);
    }
    free(ph);
    return found;
}
