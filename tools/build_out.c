/*
** build_out.c: the files `spore build` writes besides the image encoding
** itself (tools/image_write.c): the .beam files stripped to what the VM
** reads, and the configurations that run the kernel as a Xen PVH domain,
** for xl and for libvirt's libxl driver.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "cli.h"

/* The chunks the VM reads (vm/beamfile.c), but for LocT, which it parses
   and never uses. The others (debug info, types, documentation) are two
   thirds of an OTP module as Debian ships it. module_info(md5) does not
   change: it covers kept chunks only. */
static const char keep_ids[][5] = {"AtU8", "Atom", "Code", "StrT", "ImpT", "ExpT",
                                   "FunT", "LitT", "Line", "Attr", "CInf", "Meta"};

static uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

int build_out_strip(const uint8_t *in, size_t len, uint8_t **out, size_t *outlen)
{
    if (len < 12 || memcmp(in, "FOR1", 4) != 0 || memcmp(in + 8, "BEAM", 4) != 0 ||
        get_u32(in + 4) > len - 8)
        return -1;
    size_t end = 8 + get_u32(in + 4), pos = 12, n = 12;
    uint8_t *b = malloc(end);
    if (!b)
        return -1;
    memcpy(b, "FOR1", 4);
    memcpy(b + 8, "BEAM", 4);
    while (pos < end) {
        if (end - pos < 8)
            break;
        uint32_t size = get_u32(in + pos + 4);
        size_t padded = ((size_t)size + 3) & ~(size_t)3;
        if (padded > end - pos - 8)
            break;
        bool keep = false;
        for (size_t i = 0; i < sizeof keep_ids / sizeof keep_ids[0]; i++)
            keep = keep || memcmp(in + pos, keep_ids[i], 4) == 0;
        if (keep) {
            memcpy(b + n, in + pos, 8 + padded);
            n += 8 + padded;
        }
        pos += 8 + padded;
    }
    if (pos != end) {
        free(b);
        return -1;
    }
    put_u32(b + 4, (uint32_t)(n - 8));
    *out = b;
    *outlen = n;
    return 0;
}

int build_out_write(const char *path, const void *bytes, size_t len, char *err, size_t errlen)
{
    if (cli_write_file(path, bytes, len) < 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* printf into the file at 'path'. */
static int write_text(const char *path, char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int write_text(const char *path, char *err, size_t errlen, const char *fmt, ...)
{
    char buf[8192];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf) {
        snprintf(err, errlen, "%s: the configuration does not fit", path);
        return -1;
    }
    return build_out_write(path, buf, (size_t)n, err, errlen);
}

int build_out_xl(const char *path, const char *name, const char *kernel, uint32_t memory_mb,
                 char *err, size_t errlen)
{
    /* xl's strings are quoted, with no escapes. */
    if (strpbrk(kernel, "\"\n")) {
        snprintf(err, errlen, "%s: xl cannot name a path with a '\"' or a newline", kernel);
        return -1;
    }
    return write_text(path, err, errlen,
                      "# The service %s as a Xen PVH domain: xl create %s\n"
                      "# (written by spore build; the program is sealed in the kernel)\n"
                      "name = \"%s\"\n"
                      "type = \"pvh\"\n"
                      "kernel = \"%s\"\n"
                      "memory = %u\n"
                      "vcpus = 1\n"
                      "on_poweroff = \"destroy\"\n"
                      "on_crash = \"destroy\"\n",
                      name, path, name, kernel, memory_mb);
}

/* 'in' with XML's five special characters escaped, into 'out'. */
static void xml_escape(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (; *in && n + 7 < size; in++) {
        const char *e = *in == '&'    ? "&amp;"
                        : *in == '<'  ? "&lt;"
                        : *in == '>'  ? "&gt;"
                        : *in == '\'' ? "&apos;"
                        : *in == '"'  ? "&quot;"
                                      : NULL;
        if (e) {
            memcpy(out + n, e, strlen(e));
            n += strlen(e);
        } else {
            out[n++] = *in;
        }
    }
    out[n] = 0;
}

/* libvirt's libxl driver runs PVH guests as os type 'xenpvh' (libvirt
   4.10 and later); the kernel is booted directly, and its console is the
   Xen PV console. */
int build_out_libvirt(const char *path, const char *name, const char *kernel, uint32_t memory_mb,
                      char *err, size_t errlen)
{
    char k[4096 * 6 + 8], nm[256 * 6 + 8];
    xml_escape(kernel, k, sizeof k);
    xml_escape(name, nm, sizeof nm);
    return write_text(path, err, errlen,
                      "<!-- written by spore build: virsh -c xen:///system create "
                      "this-file -->\n"
                      "<domain type='xen'>\n"
                      "  <name>%s</name>\n"
                      "  <memory unit='MiB'>%u</memory>\n"
                      "  <vcpu>1</vcpu>\n"
                      "  <os>\n"
                      "    <type arch='x86_64' machine='xenpvh'>xenpvh</type>\n"
                      "    <kernel>%s</kernel>\n"
                      "  </os>\n"
                      "  <on_poweroff>destroy</on_poweroff>\n"
                      "  <on_crash>destroy</on_crash>\n"
                      "  <devices>\n"
                      "    <console type='pty'>\n"
                      "      <target type='xen' port='0'/>\n"
                      "    </console>\n"
                      "  </devices>\n"
                      "</domain>\n",
                      nm, memory_mb, k);
}
