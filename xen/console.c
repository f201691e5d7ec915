/*
** console.c: the console, three ways. Bare PVH writes COM1; Xen's initial
** domain writes Xen's own console through the console_io hypercall (a
** domU's console_io output goes nowhere in a release Xen); a domU writes
** the PV console ring that xenconsoled serves. Xen output is buffered by
** line, so that Xen's per-line prefixes land at line starts.
*/
#include <stdio.h>
#include <string.h>

#include "kernel.h"

#include <xen/io/console.h>

#define COM1 0x3f8

static enum { CON_SERIAL, CON_XEN, CON_RING } con_kind;
static volatile struct xencons_interface *ring;
static evtchn_port_t ring_port;
static char linebuf[256];
static size_t linelen;

void console_init(void) {
    if (boot.mode == BOOT_BARE) { /* the UART is set up at the first write */
        con_kind = CON_SERIAL;
        return;
    }
    if (boot.dom0) {
        con_kind = CON_XEN;
        return;
    }
    uint64_t pfn = 0;
    if (boot.mode == BOOT_PVH) {
        struct xen_hvm_param p = {.domid = DOMID_SELF, .index = HVM_PARAM_CONSOLE_PFN};
        struct xen_hvm_param e = {.domid = DOMID_SELF, .index = HVM_PARAM_CONSOLE_EVTCHN};
        if (HYPERVISOR_hvm_op(HVMOP_get_param, &p) || HYPERVISOR_hvm_op(HVMOP_get_param, &e)) {
            con_kind = CON_XEN;
            return;
        }
        pfn = p.value;
        ring_port = (evtchn_port_t)e.value;
    } else {
        pfn = mm_mfn_to_pfn(boot.pv_start->console.domU.mfn);
        ring_port = boot.pv_start->console.domU.evtchn;
    }
    ring = (void *)(uintptr_t)(pfn << PAGE_SHIFT);
    con_kind = CON_RING;
}

/* The 16550's transmit FIFO holds 16 bytes: once it is empty (LSR bit 5),
   16 bytes go without asking again (on an emulated UART each port access
   is costly). */
static void serial_putc(char c) {
    static unsigned room;
    static bool ready;
    if (!ready) {
        /* here rather than at boot: each port access of an emulated UART
           costs the boot a wait for the emulator's lock */
        outb(COM1 + 1, 0x00); /* no interrupts */
        outb(COM1 + 2, 0x07); /* FIFOs on and cleared */
        ready = true;
    }
    if (!room) {
        for (int k = 0; k < 100000 && !(inb(COM1 + 5) & 0x20); k++) /* bounded: no UART */
            ;
        room = 16;
    }
    room--;
    outb(COM1, (uint8_t)c);
}

static void serial_write(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') serial_putc('\r');
        serial_putc(s[i]);
    }
}

static void ring_notify(void) {
    struct evtchn_send send = {.port = ring_port};
    HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);
}

static void ring_write(const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        XENCONS_RING_IDX cons = ring->out_cons, prod = ring->out_prod;
        mb();
        if ((size_t)(prod - cons) > sizeof(ring->out)) return; /* a corrupt ring: drop */
        if ((size_t)(prod - cons) == sizeof(ring->out)) {      /* full: let the backend run */
            ring_notify();
            HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
            continue;
        }
        while (i < n && (size_t)(prod - cons) < sizeof(ring->out)) {
            if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) {
                /* the terminal wants CR LF; a CR goes first, once */
                if ((size_t)(prod - cons) + 2 > sizeof(ring->out)) break;
                ring->out[MASK_XENCONS_IDX(prod++, ring->out)] = '\r';
            }
            ring->out[MASK_XENCONS_IDX(prod++, ring->out)] = s[i++];
        }
        wmb();
        ring->out_prod = prod;
        ring_notify();
    }
}

void console_flush(void) {
    if (!linelen) return;
    if (con_kind == CON_RING) ring_write(linebuf, linelen);
    else HYPERVISOR_console_io(CONSOLEIO_write, (int)linelen, linebuf);
    linelen = 0;
}

void console_drain(void) {
    /* the last lines must reach xenconsoled before the domain goes: wait
       (bounded, about a second) until the backend has read the ring */
    console_flush();
    if (con_kind != CON_RING) return;
    for (int i = 0; i < 1000 && ring->out_cons != ring->out_prod; i++) {
        ring_notify();
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    }
}

void console_write(const char *s, size_t n) {
    if (con_kind == CON_SERIAL) {
        serial_write(s, n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        linebuf[linelen++] = s[i];
        if (s[i] == '\n' || linelen == sizeof linebuf) console_flush();
    }
}

void kprintf(const char *fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    console_write(buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}
