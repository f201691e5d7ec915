/*
** cmdline.c: the kernel command line. It holds platform options first
** ('key=value' or a bare 'key'), then the VM's erl-style arguments from the
** first word that starts with '-' or '+' (or after a lone '--'). Words are
** split at spaces; a word may be quoted with "..." or '...'.
*/
#include <string.h>

#include "kernel.h"

/* Copies the next word of 's' into 'out' (at most 'size' - 1 bytes) and
   returns where the scan stopped, or NULL at the end. */
static const char *next_word(const char *s, char *out, size_t size) {
    while (*s == ' ' || *s == '\t') s++;
    if (!*s) return NULL;
    size_t n = 0;
    char quote = 0;
    for (; *s; s++) {
        if (quote) {
            if (*s == quote) { quote = 0; continue; }
        } else if (*s == '"' || *s == '\'') {
            quote = *s;
            continue;
        } else if (*s == ' ' || *s == '\t') {
            break;
        }
        if (n + 1 < size) out[n++] = *s;
    }
    out[n] = 0;
    return s;
}

static bool starts_vm_args(const char *w) { return w[0] == '-' || w[0] == '+'; }

const char *cmdline_get(const char *cmdline, const char *key, char *buf, size_t size) {
    static char word[512];
    size_t klen = strlen(key);
    const char *s = cmdline;
    while ((s = next_word(s, word, sizeof word)) != NULL) {
        if (starts_vm_args(word)) break;
        if (strncmp(word, key, klen) != 0) continue;
        if (word[klen] == 0) {
            if (size) buf[0] = 0;
            return buf;
        }
        if (word[klen] == '=') {
            size_t n = strlen(word + klen + 1);
            if (n >= size) n = size ? size - 1 : 0;
            memcpy(buf, word + klen + 1, n);
            if (size) buf[n] = 0;
            return buf;
        }
    }
    return NULL;
}

/* Splits the VM's part of the command line into 'argv' (argv[0] is
   "spore"); the strings live in 'store'. Returns argc. */
int cmdline_vm_args(const char *cmdline, char **argv, int max, char *store, size_t size) {
    int argc = 0;
    argv[argc++] = "spore";
    bool vm = false;
    const char *s = cmdline;
    char word[512];
    while (argc < max && (s = next_word(s, word, sizeof word)) != NULL) {
        if (!vm) {
            if (strcmp(word, "--") == 0) { vm = true; continue; }
            if (!starts_vm_args(word)) continue;
            vm = true;
        }
        size_t n = strlen(word) + 1;
        if (n > size) break;
        memcpy(store, word, n);
        argv[argc++] = store;
        store += n;
        size -= n;
    }
    argv[argc] = NULL;
    return argc;
}
