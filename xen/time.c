/*
** time.c: clocks, the one-shot timer and the idle block.
**
** Under Xen the clock is the PV clock of vcpu 0 (system time: nanoseconds
** since Xen booted, from the TSC scaled by Xen's factors), the wall clock
** comes from shared_info, and a deadline is a single-shot vcpu timer that
** raises VIRQ_TIMER. The periodic timer is stopped: an idle domain sleeps.
**
** On bare PVH the TSC is the clock. Its rate is measured against the PIT
** (1.193182 MHz), lazily: the PIT starts counting at time_start (called as
** the VM starts: at its first Erlang instruction after a warm start, before
** vm_main in a cold one) and the rate is taken at the first clock read, at
** least CAL_TICKS later, so that the VM's run covers most of the wait. The
** local APIC timer, measured in the same window, wakes the idle hlt. The
** wall clock is the CMOS RTC, read once.
*/
#include <string.h>

#include "kernel.h"

#define PIT_HZ 1193182ULL
#define CAL_TICKS 180 /* about 150 us */
#define LAPIC 0xfee00000UL
#define LAPIC_EOI 0xb0
#define LAPIC_SVR 0xf0
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR 0x390
#define LAPIC_TIMER_DIV 0x3e0

static evtchn_port_t timer_port;

/* bare: TSC -> ns as (delta * mul) >> 32, and the APIC timer's rate */
static uint64_t tsc_mul;
static uint64_t apic_per_ms;
static bool calibrated;
static uint16_t pit_start;
static uint64_t tsc_start;
static uint64_t wall_base_ns;
static bool wall_known;

static inline uint32_t lapic_read(unsigned reg) { return *(volatile uint32_t *)(LAPIC + reg); }
static inline void lapic_write(unsigned reg, uint32_t v) { *(volatile uint32_t *)(LAPIC + reg) = v; }

/* The PIT's count, and in '*tsc' the TSC just after it was latched: an
   emulated port access may first wait for the emulator's lock, so the
   TSC is read between the latch and the reads, not after them. */
static uint16_t pit_read(uint64_t *tsc) {
    outb(0x43, 0x00); /* latch channel 0 */
    *tsc = rdtsc();
    uint8_t lo = inb(0x40);
    return (uint16_t)(lo | inb(0x40) << 8);
}

/* Starts the measuring window: the APIC timer from its top, the TSC and
   the PIT. The PIT's reading is up to one tick (0.84 us) early: against a
   window of at least CAL_TICKS, and in a boot usually of a few
   milliseconds, an error of a fraction of a percent, which waiting for
   the PIT to move would save at the cost of more port reads, each of them
   slow when emulated. */
static void window_start(void) {
    lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
    pit_start = pit_read(&tsc_start);
}

/* Opens the window, once. */
void time_start(void) {
    static bool started;
    if (started || boot.mode != BOOT_BARE) return;
    started = true;
    outb(0x43, 0x30); /* channel 0, lo/hi, mode 0: one count-down */
    outb(0x40, 0xff);
    outb(0x40, 0xff);
    lapic_write(LAPIC_SVR, 0x1ff);             /* enabled, spurious vector 0xff */
    lapic_write(LAPIC_TIMER_DIV, 0xb);         /* divide by 1 */
    lapic_write(LAPIC_LVT_TIMER, 0x10000 | 0xf0); /* masked while measuring */
    window_start();
}

static void bare_calibrate(void) {
    /* The PIT wraps after 55 ms: a window that may be older than that (40M
       TSC ticks, for any TSC above 0.75 GHz) is started again. */
    time_start();
    if (rdtsc() - tsc_start > 40000000ULL) window_start();
    uint64_t t;
    uint16_t p0 = pit_read(&t);
    unsigned ticks = 0;
    uint16_t p;
    uint32_t apic1;
    /* at least CAL_TICKS since pit_start; give up if the PIT is absent */
    for (int spin = 0;; spin++) {
        p = pit_read(&t);
        apic1 = lapic_read(LAPIC_TIMER_CUR);
        ticks = (uint16_t)(pit_start - p);
        if (ticks >= CAL_TICKS && (uint16_t)(p0 - p) >= 8) break;
        if (spin > 2000000) { ticks = 0; break; }
    }
    uint64_t hz;
    if (ticks) {
        hz = (t - tsc_start) * PIT_HZ / ticks;
        /* the APIC timer started counting from ~0 just before pit_start */
        apic_per_ms = (uint64_t)(0xffffffffU - apic1) * PIT_HZ / ticks / 1000;
    } else {
        uint32_t r[4];
        cpuid(0, 0, r);
        hz = 2000000000ULL;
        if (r[0] >= 0x16) {
            cpuid(0x16, 0, r);
            if (r[0]) hz = (uint64_t)r[0] * 1000000;
        }
        apic_per_ms = 1000000;
        kprintf("spore: no PIT: assuming a %lu MHz TSC\n", (unsigned long)(hz / 1000000));
    }
    tsc_mul = (1000000000ULL << 32) / hz;
    calibrated = true;
    lapic_write(LAPIC_LVT_TIMER, 0xf0); /* one-shot, unmasked */
    lapic_write(LAPIC_TIMER_INIT, 0);
}

static uint64_t bare_ns(uint64_t tsc_delta) {
    if (!calibrated) bare_calibrate();
    return (uint64_t)(((unsigned __int128)tsc_delta * tsc_mul) >> 32);
}

static uint8_t cmos(uint8_t reg) {
    outb(0x70, reg);
    return inb(0x71);
}

/* Days since 1970-01-01 of a civil date. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void read_rtc(void) {
    uint8_t v[6], w[6], status;
    do {
        for (int k = 0; k < 100000 && (cmos(0x0a) & 0x80); k++) /* update in progress */
            ;
        static const uint8_t regs[6] = {0x00, 0x02, 0x04, 0x07, 0x08, 0x09};
        for (int i = 0; i < 6; i++) v[i] = cmos(regs[i]);
        for (int i = 0; i < 6; i++) w[i] = cmos(regs[i]);
    } while (memcmp(v, w, sizeof v) != 0);
    status = cmos(0x0b);
    unsigned f[6];
    for (int i = 0; i < 6; i++) f[i] = (status & 4) ? v[i] : (unsigned)((v[i] & 15) + (v[i] >> 4) * 10);
    if (!(status & 2) && (v[2] & 0x80)) f[2] = ((f[2] & 0x7f) + 12) % 24; /* 12-hour clock */
    int64_t days = days_from_civil(2000 + f[5], f[4], f[3]);
    uint64_t secs = (uint64_t)(days * 86400 + f[2] * 3600 + f[1] * 60 + f[0]);
    wall_base_ns = secs * 1000000000ULL - time_monotonic_ns();
    wall_known = true;
}

/* ---- Xen ------------------------------------------------------------------ */

static uint64_t pvclock(uint64_t *tsc_out) {
    volatile struct vcpu_time_info *t = &boot.vcpu->time;
    uint32_t ver;
    uint64_t tsc, ts, sys;
    uint32_t mul;
    int8_t shift;
    do {
        ver = t->version;
        rmb();
        ts = t->tsc_timestamp;
        sys = t->system_time;
        mul = t->tsc_to_system_mul;
        shift = t->tsc_shift;
        tsc = rdtsc();
        rmb();
    } while ((ver & 1) || ver != t->version);
    if (tsc_out) *tsc_out = tsc;
    uint64_t d = tsc - ts;
    d = shift < 0 ? d >> -shift : d << shift;
    return sys + (uint64_t)(((unsigned __int128)d * mul) >> 32);
}

static void timer_fired(evtchn_port_t port, void *arg) {
    (void)port;
    (void)arg;
}

void time_init(void) {
    if (boot.mode == BOOT_BARE) return; /* time_start, once the VM is under way */
    HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL);
    if (evtchn_bind_virq(VIRQ_TIMER, &timer_port) != 0) kprintf("spore: cannot bind VIRQ_TIMER\n");
    else evtchn_bind(timer_port, timer_fired, NULL);
}

uint64_t time_monotonic_ns(void) {
    if (boot.mode == BOOT_BARE) return bare_ns(rdtsc() - boot.tsc_entry);
    return pvclock(NULL);
}

uint64_t time_wall_ns(void) {
    if (boot.mode == BOOT_BARE) {
        if (!wall_known) read_rtc();
        return wall_base_ns + time_monotonic_ns();
    }
    volatile shared_info_t *s = boot.shared;
    uint32_t ver;
    uint64_t sec, nsec;
    do {
        ver = s->wc_version;
        rmb();
        sec = s->wc_sec | ((uint64_t)s->xen_wc_sec_hi << 32);
        nsec = s->wc_nsec;
        rmb();
    } while ((ver & 1) || ver != s->wc_version);
    return sec * 1000000000ULL + nsec + pvclock(NULL);
}

uint64_t time_tsc_to_ns(uint64_t d) {
    if (boot.mode == BOOT_BARE) return bare_ns(d);
    volatile struct vcpu_time_info *t = &boot.vcpu->time;
    int8_t shift = t->tsc_shift;
    d = shift < 0 ? d >> -shift : d << shift;
    return (uint64_t)(((unsigned __int128)d * t->tsc_to_system_mul) >> 32);
}

static volatile bool apic_fired;

void time_apic_irq(void) {
    apic_fired = true;
    lapic_write(LAPIC_EOI, 0);
}

void time_block(uint64_t deadline) {
    uint64_t now = time_monotonic_ns();
    if (deadline <= now) return;
    if (boot.mode == BOOT_BARE) {
        apic_fired = false;
        if (deadline != UINT64_MAX) {
            /* a little early rather than late: the APIC's rate is an
               estimate, and the VM sleeps again for what is left */
            uint64_t ns = deadline - now, counts = ns > 1000000000000ULL ? 0xffffffffULL : ns * apic_per_ms / 1000000 * 31 / 32;
            lapic_write(LAPIC_TIMER_INIT, counts > 0xffffffffULL ? 0xffffffffU : (uint32_t)(counts ? counts : 1));
        }
        if (!apic_fired) irq_wait();
        return;
    }
    if (deadline != UINT64_MAX) {
        vcpu_set_singleshot_timer_t t = {.timeout_abs_ns = deadline, .flags = 0};
        HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t);
    }
    if (!evtchn_pending()) irq_wait();
}
