package dev.brickproof.emulator.cpu;

import java.util.ArrayList;
import java.util.List;

/** One test image on a fresh core: loads it, resets, runs until the done marker, a stop, or a cycle budget. */
final class TestImage {
    static final int DONE = 0x2000_0100;

    final MemoryBus bus;
    final CortexM core;
    final List<String> faults = new ArrayList<>();

    TestImage(String name, boolean cortexM4) {
        bus = MemoryBus.withImage("/cpu/" + name + ".bin");
        core = new CortexM(bus, cortexM4);
        core.setFaultListener((kind, pc, detail) -> faults.add(kind + "@" + Integer.toHexString(pc) + " " + detail));
        core.reset();
    }

    static TestImage started(String name) {
        return new TestImage(name, true);
    }

    /** Runs until done, or the core stops running, or {@code budget} cycles pass. */
    TestImage runToEnd(long budget) {
        long left = budget;
        while (left > 0 && !done() && core.state() == CoreState.RUNNING) {
            left -= Math.max(1, core.run(Math.min(left, 1000)));
        }
        return this;
    }

    TestImage runToEnd() {
        return runToEnd(5_000_000);
    }

    boolean done() {
        return bus.ramWord(DONE) == 0xD0E0_0000;
    }

    int result(int index) {
        return bus.ramWord(MemoryBus.RAM + 4 * index);
    }
}
