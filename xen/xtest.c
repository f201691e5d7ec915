/*
** xtest.c: the cross-domain self test, run by two domains started with
**   xtest=server peer=<client domid>
**   xtest=client peer=<server domid> port=<P> gref=<R>
** The server grants the client one page holding a greeting, offers an
** unbound event channel, and prints both numbers; the client (started with
** them) binds the channel, maps the page, reads the greeting, writes its
** answer, and notifies; the server wakes and prints the answer. Together
** the two exercise event channels, grant tables, and the idle block. Every
** failure prints "xtest: FAIL <what> <rc>".
*/
#include <stdio.h>
#include <string.h>

#include "kernel.h"

#include <xen/errno.h>

#define XTEST_WAIT_NS (30 * 1000000000ull)
#define XTEST_TEXT_MAX 80 /* how much of the shared page gets printed */

/* Writes "<word> from domain <our domid>" into 'buf'. */
static void greeting(char *buf, size_t size, const char *word)
{
    if (boot.domid < DOMID_FIRST_RESERVED)
        snprintf(buf, size, "%s from domain %u", word, boot.domid);
    else /* xenstore never told us our number */
        snprintf(buf, size, "%s from domain self", word);
}

/* Copies the printable start of a page the peer wrote, so that printing it
   can neither run off the page nor send control bytes to the console. */
static void page_text(char *out, const volatile char *page)
{
    size_t n = 0;
    for (; n < XTEST_TEXT_MAX && page[n] >= ' ' && page[n] <= '~'; n++)
        out[n] = page[n];
    out[n] = '\0';
}

/* The decimal value of 'key=' on the command line, or -1. */
static long option_number(const char *cmdline, const char *key)
{
    char buf[16];
    const char *s = cmdline_get(cmdline, key, buf, sizeof buf);
    if (!s || !*s)
        return -1;
    long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 0xffffffffL)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

/* Says what failed; returns the error (a negative errno). */
static int fail(const char *what, long rc)
{
    kprintf("xtest: FAIL %s %ld\n", what, rc);
    return rc < 0 ? (int)rc : -XEN_EIO;
}

/* The server's port handler: the client has answered. */
static void on_notify(evtchn_port_t port, void *arg)
{
    (void)port;
    *(volatile bool *)arg = true;
}

/* Also leaves the offer in xenstore, for tools that would rather read it
   there than from the console; no xenstore is no failure. */
static void publish_offer(evtchn_port_t port, int ref)
{
    char buf[40];
    snprintf(buf, sizeof buf, "port=%u gref=%d", port, ref);
    xenstore_write("data/xtest", buf);
}

/* Offers a page and a port to 'peer' and waits for its answer. */
static int server(domid_t peer)
{
    static volatile bool notified; /* static: outlives us if unbind is late */
    notified = false;
    int rc = gnttab_init();
    if (rc < 0)
        return fail("gnttab_init", rc);
    char *page = mm_page_alloc();
    if (!page)
        return fail("page_alloc", -XEN_ENOMEM);
    greeting(page, PAGE_SIZE, "ping");
    int ref = gnttab_grant(peer, page, false);
    if (ref < 0)
        return fail("gnttab_grant", ref);
    evtchn_port_t port;
    rc = evtchn_alloc_unbound(peer, &port);
    if (rc < 0)
        return fail("evtchn_alloc_unbound", rc);
    evtchn_bind(port, on_notify, (void *)&notified);
    kprintf("xtest: offer port=%u gref=%d\n", port, ref);
    console_flush();
    publish_offer(port, ref);

    uint64_t deadline = time_monotonic_ns() + XTEST_WAIT_NS;
    while (!notified && time_monotonic_ns() < deadline) {
        time_block(deadline);
        evtchn_dispatch();
    }
    evtchn_unbind(port);
    if (!notified)
        return fail("notification", -XEN_ETIMEDOUT);
    rmb();
    char text[XTEST_TEXT_MAX + 1];
    page_text(text, page);
    kprintf("xtest: server got \"%s\"\n", text);
    /* The client unmaps right after notifying; if it has not yet, the page
       simply stays granted. */
    gnttab_end((grant_ref_t)ref);
    return 1;
}

/* Takes up the offer of 'peer': reads its page, answers, notifies. */
static int client(domid_t peer, evtchn_port_t remote_port, grant_ref_t ref)
{
    evtchn_port_t port;
    int rc = evtchn_bind_interdomain(peer, remote_port, &port);
    if (rc < 0)
        return fail("evtchn_bind_interdomain", rc);
    grant_handle_t handle;
    char *page = gnttab_map(peer, ref, &handle);
    if (!page)
        return fail("gnttab_map", -XEN_EIO);
    char text[XTEST_TEXT_MAX + 1];
    page_text(text, page);
    kprintf("xtest: client read \"%s\"\n", text);
    greeting(page, PAGE_SIZE, "pong");
    wmb(); /* the answer before the notification */
    evtchn_notify(port);
    kprintf("xtest: client notified\n");
    rc = gnttab_unmap(page, handle);
    if (rc < 0)
        return fail("gnttab_unmap", rc);
    return 1;
}

/* Runs the role 'xtest=' names: 0 when there is none, 1 when the role
   ran to the end, a negative errno when it failed (and said so). */
int xtest_run(const char *cmdline)
{
    char role[16];
    if (!cmdline_get(cmdline, "xtest", role, sizeof role))
        return 0;
    long peer = option_number(cmdline, "peer");
    if (peer < 0 || peer >= DOMID_FIRST_RESERVED)
        return fail("peer=", -XEN_EINVAL);
    xenstore_init(); /* our domid, for the greetings */
    if (strcmp(role, "server") == 0)
        return server((domid_t)peer);
    if (strcmp(role, "client") == 0) {
        long port = option_number(cmdline, "port");
        long ref = option_number(cmdline, "gref");
        if (port <= 0 || ref < 0)
            return fail("port=/gref=", -XEN_EINVAL);
        return client((domid_t)peer, (evtchn_port_t)port, (grant_ref_t)ref);
    }
    return fail("xtest=<server or client>", -XEN_EINVAL);
}

/* Prints our name as xenstore knows it (a read), then sets a watch on a key
   of our own, writes it, and waits for the watch to fire (a write and a
   watch): proof that the client works both ways. */
void xtest_xenstore_hello(void)
{
    char name[64];
    int rc = xenstore_read("name", name, sizeof name);
    if (rc < 0) {
        kprintf("spore: xenstore: FAIL read name %d\n", rc);
        return;
    }
    kprintf("spore: xenstore: name=%s\n", name);
    if ((rc = xenstore_watch("data/spore", "boot")) < 0 ||
        (rc = xenstore_write("data/spore", "up")) < 0) {
        kprintf("spore: xenstore: FAIL watch or write %d\n", rc);
        return;
    }
    /* xenstored fires a new watch once at once, then on the write */
    char path[128], token[16];
    int events = 0;
    uint64_t deadline = time_monotonic_ns() + 2000000000ULL;
    while (events < 2 && time_monotonic_ns() < deadline) {
        while (xenstore_watch_event(path, sizeof path, token, sizeof token)) events++;
        if (events < 2) {
            time_block(time_monotonic_ns() + 10000000ULL);
            evtchn_dispatch();
        }
    }
    xenstore_unwatch("data/spore", "boot");
    if (events >= 1)
        kprintf("spore: xenstore: watch fired (%d events, last on %s)\n", events, path);
    else
        kprintf("spore: xenstore: FAIL no watch event\n");
}
