package dev.brickproof.emulator.soc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A SocContext for driving one peripheral directly: time is set by the test. */
final class FakeContext implements SocContext {
    long now;
    int nmis;
    final Map<Integer, Boolean> irqs = new HashMap<>();
    final List<ResetCause> resets = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final List<Long> cuts = new ArrayList<>();

    @Override
    public long nowPs() {
        return now;
    }

    @Override
    public void irq(int irqNumber, boolean level) {
        irqs.put(irqNumber, level);
    }

    @Override
    public void nmi() {
        nmis++;
    }

    @Override
    public void reschedule() {
    }

    @Override
    public void codeChanged(int address, int length) {
    }

    @Override
    public void requestReset(ResetCause cause) {
        resets.add(cause);
    }

    @Override
    public void event(String kind, String detail) {
        events.add(kind + ": " + detail);
    }

    /** Advances time and lets the peripheral perform what is due. */
    void advance(Peripheral p, long ps) {
        now += ps;
        if (p.nextEventPs() <= now) {
            p.advanceTo(now);
        }
    }

    static final long US = 1_000_000L;
    static final long MS = 1_000_000_000L;
}
