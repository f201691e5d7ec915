/*
** evtchn.c: Xen event channels, 2-level ABI. The upcall (PVH: an interrupt
** vector Xen injects; PV: the event callback) only moves pending bits of
** unmasked ports into 'fired' and clears them in shared_info; the handlers
** run later, from evtchn_dispatch in the idle loop, with upcalls off. A
** port without a handler stays masked.
*/
#include <string.h>

#include "kernel.h"

#include <xen/callback.h>

#define NR_PORTS 1024
#define WORD_BITS 64

static EvtchnHandler handlers[NR_PORTS];
static void *handler_args[NR_PORTS];
static uint64_t fired[NR_PORTS / WORD_BITS];

extern void pv_event_callback(void), pv_failsafe_callback(void);

static void mask(evtchn_port_t p) { __atomic_fetch_or(&boot.shared->evtchn_mask[p / WORD_BITS], 1UL << (p % WORD_BITS), __ATOMIC_SEQ_CST); }

static void unmask(evtchn_port_t p) {
    unsigned long bit = 1UL << (p % WORD_BITS);
    __atomic_fetch_and(&boot.shared->evtchn_mask[p / WORD_BITS], ~bit, __ATOMIC_SEQ_CST);
    /* an event that came while masked raised no upcall: take it now */
    if (__atomic_fetch_and(&boot.shared->evtchn_pending[p / WORD_BITS], ~bit, __ATOMIC_SEQ_CST) & bit)
        fired[p / WORD_BITS] |= bit;
}

void evtchn_init(void) {
    if (boot.mode == BOOT_BARE) return;
    for (size_t w = 0; w < NR_PORTS / WORD_BITS; w++) boot.shared->evtchn_mask[w] = ~0UL;
    if (boot.mode == BOOT_PV) {
        HYPERVISOR_set_callbacks((unsigned long)pv_event_callback, (unsigned long)pv_failsafe_callback, 0);
    } else {
        struct xen_hvm_param cb = {.domid = DOMID_SELF, .index = HVM_PARAM_CALLBACK_IRQ,
                                   .value = ((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) | 0xf3};
        if (HYPERVISOR_hvm_op(HVMOP_set_param, &cb) != 0) kprintf("spore: no event upcall vector\n");
    }
}

void evtchn_upcall(void) {
    if (!boot.shared) return;
    struct vcpu_info *v = boot.vcpu;
    v->evtchn_upcall_pending = 0;
    unsigned long sel = __atomic_exchange_n(&v->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    while (sel) {
        unsigned w = (unsigned)__builtin_ctzl(sel);
        sel &= sel - 1;
        unsigned long pend = boot.shared->evtchn_pending[w] & ~boot.shared->evtchn_mask[w];
        if (!pend) continue;
        __atomic_fetch_and(&boot.shared->evtchn_pending[w], ~pend, __ATOMIC_SEQ_CST);
        if (w < NR_PORTS / WORD_BITS) fired[w] |= pend;
    }
}

bool evtchn_pending(void) {
    if (boot.mode == BOOT_BARE) return false;
    if (boot.vcpu->evtchn_upcall_pending) return true;
    for (size_t w = 0; w < NR_PORTS / WORD_BITS; w++)
        if (fired[w]) return true;
    return false;
}

int evtchn_dispatch(void) {
    if (boot.mode == BOOT_BARE) return 0;
    if (boot.vcpu->evtchn_upcall_pending) evtchn_upcall(); /* came while upcalls were off */
    int n = 0;
    for (size_t w = 0; w < NR_PORTS / WORD_BITS; w++) {
        while (fired[w]) {
            unsigned b = (unsigned)__builtin_ctzl(fired[w]);
            fired[w] &= fired[w] - 1;
            evtchn_port_t p = (evtchn_port_t)(w * WORD_BITS + b);
            if (handlers[p]) {
                handlers[p](p, handler_args[p]);
                n++;
            }
        }
    }
    return n;
}

void evtchn_bind(evtchn_port_t port, EvtchnHandler h, void *arg) {
    if (port >= NR_PORTS) {
        kprintf("spore: event channel %u beyond %u: ignored\n", port, NR_PORTS);
        return;
    }
    handlers[port] = h;
    handler_args[port] = arg;
    unmask(port);
}

void evtchn_unbind(evtchn_port_t port) {
    if (port >= NR_PORTS) return;
    mask(port);
    handlers[port] = NULL;
    fired[port / WORD_BITS] &= ~(1UL << (port % WORD_BITS));
}

void evtchn_notify(evtchn_port_t port) {
    struct evtchn_send s = {.port = port};
    HYPERVISOR_event_channel_op(EVTCHNOP_send, &s);
}

int evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port) {
    struct evtchn_alloc_unbound a = {.dom = DOMID_SELF, .remote_dom = remote};
    int rc = (int)HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &a);
    if (rc == 0) *port = a.port;
    return rc;
}

int evtchn_bind_interdomain(domid_t remote, evtchn_port_t remote_port, evtchn_port_t *local) {
    struct evtchn_bind_interdomain b = {.remote_dom = remote, .remote_port = remote_port};
    int rc = (int)HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &b);
    if (rc == 0) *local = b.local_port;
    return rc;
}

int evtchn_bind_virq(uint32_t virq, evtchn_port_t *port) {
    struct evtchn_bind_virq b = {.virq = virq, .vcpu = 0};
    int rc = (int)HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &b);
    if (rc == 0) *port = b.port;
    return rc;
}
