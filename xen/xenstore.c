/*
** xenstore.c: the xenstore client. Requests go one at a time over the ring
** page shared with the xenstore daemon (xen/io/xs_wire.h): a header and a
** payload into the request ring, then we wait for the reply with the same
** req_id on the response ring. Watch events that come in meanwhile are
** queued until xenstore_watch_event takes them.
**
** The other end of the ring is another domain, so nothing read from the
** page is trusted: indexes more than a ring apart, or a payload longer than
** XENSTORE_PAYLOAD_MAX, break the connection (every later call fails with
** -EIO) rather than overrun a buffer. A message may be four times the size
** of the ring, so both directions copy piece by piece as space appears.
**
** Paths that do not start with '/' are relative to the domain's home,
** /local/domain/<domid>: xenstored resolves them itself, so they are sent
** as they are. Errors are negative Xen errno values (xen/errno.h).
*/
#include <string.h>

#include "kernel.h"

#include <xen/errno.h>
#include <xen/io/xs_wire.h>

#define XS_TIMEOUT_NS (5 * 1000000000ull)
#define XS_WATCH_QUEUE 8
#define XS_WATCH_EVENT_MAX 256 /* "path\0token\0"; longer events are dropped */

typedef struct XsMsg {
    struct xsd_sockmsg hdr;
    char body[XENSTORE_PAYLOAD_MAX + 1]; /* +1: room to NUL-terminate */
} XsMsg;

typedef struct XsWatchEvent {
    uint16_t len;
    char data[XS_WATCH_EVENT_MAX];
} XsWatchEvent;

typedef struct XsErrno {
    const char *name;
    int value;
} XsErrno;

/* The errno names xenstored sends in XS_ERROR replies, from Xen's list. */
static const XsErrno xs_errnos[] = {
#define XEN_ERRNO(name, value) {#name, value},
#include <xen/errno.h>
};

static volatile struct xenstore_domain_interface *ring;
static evtchn_port_t ring_port;
static bool ready, broken, busy;
/* Our own indexes: kept here, written to the page, never read back. */
static XENSTORE_RING_IDX req_prod, rsp_cons;
static uint32_t last_req_id;

static XsMsg in;      /* the message coming in */
static size_t in_len; /* how much of it has arrived */
static bool in_ready; /* 'in' holds a whole reply nobody has taken yet */

static XsWatchEvent watch_queue[XS_WATCH_QUEUE];
static unsigned watch_head, watch_count;
static unsigned long watch_dropped;

/* Gives up on the ring for good: its contents can no longer be trusted. */
static bool ring_broken(const char *why)
{
    if (!broken)
        kprintf("xenstore: ring unusable: %s\n", why);
    broken = true;
    return false;
}

/* Nothing to do when the ring moves: the event wakes time_block, and
   whoever waits on the ring reads it. */
static void on_ring_event(evtchn_port_t port, void *arg)
{
    (void)port;
    (void)arg;
}

/* Sleeps until an event or 'deadline'; false once the deadline has passed. */
static bool wait_ring(uint64_t deadline)
{
    if (time_monotonic_ns() >= deadline)
        return false;
    time_block(deadline);
    evtchn_dispatch();
    return true;
}

/* Counts a lost watch event, and says so at the 1st, 2nd, 4th, 8th... */
static void drop_watch_event(void)
{
    watch_dropped++;
    if ((watch_dropped & (watch_dropped - 1)) == 0)
        kprintf("xenstore: %lu watch events dropped\n", watch_dropped);
}

/* Keeps a watch event ("path\0token\0") for xenstore_watch_event; when the
   queue is full the oldest event makes room. */
static void queue_watch_event(void)
{
    size_t n = in.hdr.len;
    if (n > XS_WATCH_EVENT_MAX || n < 2 || in.body[n - 1] != '\0') {
        drop_watch_event();
        return;
    }
    if (watch_count == XS_WATCH_QUEUE) {
        watch_head = (watch_head + 1) % XS_WATCH_QUEUE;
        watch_count--;
        drop_watch_event();
    }
    XsWatchEvent *ev = &watch_queue[(watch_head + watch_count++) % XS_WATCH_QUEUE];
    ev->len = (uint16_t)n;
    memcpy(ev->data, in.body, n);
}

/* Copies what the response ring holds into 'in', up to the end of one
   message; false if the ring is corrupt. */
static bool pull(void)
{
    XENSTORE_RING_IDX prod = ring->rsp_prod;
    rmb(); /* the index before the bytes it covers */
    if (prod - rsp_cons > XENSTORE_RING_SIZE)
        return ring_broken("response indexes");
    XENSTORE_RING_IDX start = rsp_cons;
    size_t want = in_len < sizeof in.hdr ? sizeof in.hdr : sizeof in.hdr + in.hdr.len;
    while (rsp_cons != prod && in_len < want) {
        ((char *)&in)[in_len++] = ring->rsp[MASK_XENSTORE_IDX(rsp_cons)];
        rsp_cons++;
        if (in_len == sizeof in.hdr) {
            if (in.hdr.len > XENSTORE_PAYLOAD_MAX)
                return ring_broken("response too long");
            want = sizeof in.hdr + in.hdr.len;
        }
    }
    if (rsp_cons != start) {
        mb(); /* done reading before the space is handed back */
        ring->rsp_cons = rsp_cons;
        evtchn_notify(ring_port);
    }
    return true;
}

/* Moves whole messages off the response ring: watch events to the queue,
   and the first reply into 'in', where it stays until taken. */
static void pump(void)
{
    while (!broken && !in_ready) {
        if (!pull())
            return;
        if (in_len < sizeof in.hdr || in_len < sizeof in.hdr + in.hdr.len)
            return; /* the rest has not arrived yet */
        if (in.hdr.type == XS_WATCH_EVENT) {
            queue_watch_event();
            in_len = 0;
        } else {
            in_ready = true;
        }
    }
}

/* Writes 'n' bytes into the request ring, waiting for room; 0 or a
   negative errno. */
static int push(const void *data, size_t n, uint64_t deadline)
{
    const char *p = data;
    while (n > 0) {
        XENSTORE_RING_IDX cons = ring->req_cons;
        mb(); /* read the index before writing over the space it frees */
        if (req_prod - cons > XENSTORE_RING_SIZE) {
            ring_broken("request indexes");
            return -XEN_EIO;
        }
        size_t room = XENSTORE_RING_SIZE - (req_prod - cons);
        if (room == 0) {
            evtchn_notify(ring_port);
            pump(); /* watch events may be what holds the daemon up */
            if (broken)
                return -XEN_EIO;
            if (!wait_ring(deadline))
                return -XEN_ETIMEDOUT;
            continue;
        }
        for (; room > 0 && n > 0; room--, n--)
            ring->req[MASK_XENSTORE_IDX(req_prod++)] = *p++;
        wmb(); /* the bytes before the index that publishes them */
        ring->req_prod = req_prod;
    }
    return 0;
}

/* The errno a XS_ERROR reply names, negated. */
static int reply_error(void)
{
    in.body[in.hdr.len] = '\0';
    for (size_t i = 0; i < sizeof xs_errnos / sizeof xs_errnos[0]; i++)
        if (strcmp(in.body, xs_errnos[i].name) == 0)
            return -xs_errnos[i].value;
    return -XEN_EIO;
}

/* Sends request 'type' with payload a (alen bytes) then b (blen bytes),
   and waits for its reply, which is left in 'in' on success (the caller
   then calls reply_done). Returns 0 or a negative errno. */
static int request(uint32_t type, const char *a, size_t alen, const char *b, size_t blen)
{
    if (!ready && !broken)
        xenstore_init(); /* at the first request: a boot that asks nothing waits for nothing */
    if (!ready || broken)
        return broken ? -XEN_EIO : -XEN_ENODEV;
    if (busy)
        return -XEN_EBUSY; /* one request at a time */
    if (alen + blen > XENSTORE_PAYLOAD_MAX)
        return -XEN_E2BIG;
    busy = true;
    struct xsd_sockmsg hdr = {
        .type = type, .req_id = ++last_req_id, .len = (uint32_t)(alen + blen)};
    uint64_t deadline = time_monotonic_ns() + XS_TIMEOUT_NS;
    int rc = push(&hdr, sizeof hdr, deadline);
    if (rc == 0)
        rc = push(a, alen, deadline);
    if (rc == 0)
        rc = push(b, blen, deadline);
    if (rc) {
        /* Half a request in the ring would garble every later one. */
        ring_broken("request not sent");
        busy = false;
        return rc;
    }
    evtchn_notify(ring_port);
    for (;;) {
        pump();
        if (broken) {
            rc = -XEN_EIO;
            break;
        }
        if (in_ready && in.hdr.req_id == hdr.req_id) {
            rc = in.hdr.type == XS_ERROR ? reply_error() : in.hdr.type == type ? 0 : -XEN_EIO;
            if (rc == 0)
                return 0; /* busy until reply_done */
            break;
        }
        if (in_ready) { /* the late reply to a request that timed out */
            in_ready = false;
            in_len = 0;
            continue;
        }
        if (!wait_ring(deadline)) {
            rc = -XEN_ETIMEDOUT;
            break;
        }
    }
    if (in_ready) { /* an error reply; a half-read message stays for later */
        in_ready = false;
        in_len = 0;
    }
    busy = false;
    return rc;
}

/* Lets the next message into 'in'. */
static void reply_done(void)
{
    in_ready = false;
    in_len = 0;
    busy = false;
}

/* Sends a request whose payload is "a\0b\0" and expects "OK". */
static int request_pair(uint32_t type, const char *a, const char *b)
{
    int rc = request(type, a, strlen(a) + 1, b, strlen(b) + 1);
    if (rc == 0)
        reply_done();
    return rc;
}

/* Finds the ring page and its event channel, binds the channel, and reads
   our domid; 0, or a negative errno when there is no xenstore to talk to
   (no Xen, or an initial domain before any xenstored). */
int xenstore_init(void)
{
    uint64_t pfn = 0, port = 0;
    if (ready)
        return 0;
    if (boot.mode == BOOT_BARE)
        return -XEN_ENODEV;
    if (boot.mode == BOOT_PVH) {
        struct xen_hvm_param p = {.domid = DOMID_SELF, .index = HVM_PARAM_STORE_PFN};
        if (HYPERVISOR_hvm_op(HVMOP_get_param, &p) == 0)
            pfn = p.value;
        p.index = HVM_PARAM_STORE_EVTCHN;
        p.value = 0;
        if (HYPERVISOR_hvm_op(HVMOP_get_param, &p) == 0)
            port = p.value;
    } else if (boot.pv_start && boot.pv_start->store_mfn) {
        pfn = mm_mfn_to_pfn(boot.pv_start->store_mfn);
        port = boot.pv_start->store_evtchn;
    }
    if (pfn == 0 || port == 0)
        return -XEN_ENOENT;
    ring = (volatile struct xenstore_domain_interface *)(uintptr_t)(pfn << PAGE_SHIFT);
    ring_port = (evtchn_port_t)port;
    req_prod = ring->req_prod;
    rsp_cons = ring->rsp_cons;
    if (req_prod - ring->req_cons > XENSTORE_RING_SIZE ||
        ring->rsp_prod - rsp_cons > XENSTORE_RING_SIZE)
        return -XEN_EIO;
    evtchn_bind(ring_port, on_ring_event, NULL);
    ready = true;

    char buf[16];
    int rc = xenstore_read("domid", buf, sizeof buf);
    if (rc == -XEN_ETIMEDOUT || rc == -XEN_EIO) {
        ready = false;
        evtchn_unbind(ring_port);
        return rc;
    }
    if (rc > 0) {
        uint32_t id = 0;
        for (const char *s = buf; *s >= '0' && *s <= '9' && id < DOMID_FIRST_RESERVED; s++)
            id = id * 10 + (uint32_t)(*s - '0');
        if (id < DOMID_FIRST_RESERVED)
            boot.domid = (uint16_t)id;
    }
    return 0;
}

/* Reads 'path' into 'buf', NUL-terminated; returns the value's length, or
   a negative errno (-ERANGE when the value does not fit). */
int xenstore_read(const char *path, char *buf, size_t size)
{
    if (size == 0)
        return -XEN_EINVAL;
    int rc = request(XS_READ, path, strlen(path) + 1, "", 0);
    if (rc)
        return rc;
    size_t n = in.hdr.len;
    if (n >= size) {
        rc = -XEN_ERANGE;
    } else {
        memcpy(buf, in.body, n);
        buf[n] = '\0';
        rc = (int)n;
    }
    reply_done();
    return rc;
}

/* Writes 'value' (without its NUL) at 'path'. */
int xenstore_write(const char *path, const char *value)
{
    int rc = request(XS_WRITE, path, strlen(path) + 1, value, strlen(value));
    if (rc == 0)
        reply_done();
    return rc;
}

/* Sets a watch on 'path'; xenstored fires it once straight away. */
int xenstore_watch(const char *path, const char *token)
{
    return request_pair(XS_WATCH, path, token);
}

/* Removes the watch set with the same path and token. */
int xenstore_unwatch(const char *path, const char *token)
{
    return request_pair(XS_UNWATCH, path, token);
}

/* Copies 's' into 'dst' of 'size' bytes, cutting it short if need be. */
static void copy_out(char *dst, size_t size, const char *s)
{
    if (size == 0)
        return;
    size_t n = strlen(s);
    if (n >= size)
        n = size - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

/* Takes the oldest queued watch event, reading the ring first for any that
   arrived since; its path and token are cut short to fit the buffers. */
bool xenstore_watch_event(char *path, size_t psize, char *token, size_t tsize)
{
    if (ready && !busy)
        pump();
    if (watch_count == 0)
        return false;
    XsWatchEvent *ev = &watch_queue[watch_head];
    watch_head = (watch_head + 1) % XS_WATCH_QUEUE;
    watch_count--;
    /* queue_watch_event checked that the data ends in a NUL. */
    const char *p = ev->data;
    size_t plen = strlen(p);
    copy_out(path, psize, p);
    copy_out(token, tsize, plen + 1 < ev->len ? p + plen + 1 : "");
    return true;
}
