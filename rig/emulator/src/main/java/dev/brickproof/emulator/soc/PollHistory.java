package dev.brickproof.emulator.soc;

import dev.brickproof.emulator.cpu.CortexM;

/**
 * The last few status-register polls, each with the core's state when it was made: what idle fast-forward
 * compares a new poll against. A poll that repeats one of them exactly (register, value, PC, r0–r14, xPSR) with
 * no store in between means the core went round a loop whose every input is unchanged: until an event changes a
 * polled value, it will keep going round.
 */
final class PollHistory {
    static final int DEPTH = 4;
    static final long WINDOW_CYCLES = 512;

    private final int[] address = new int[DEPTH];
    private final int[] value = new int[DEPTH];
    private final int[] pc = new int[DEPTH];
    private final int[] xpsr = new int[DEPTH];
    private final long[] stores = new long[DEPTH];
    private final long[] cycles = new long[DEPTH];
    private final int[][] regs = new int[DEPTH][15];
    private int next;

    PollHistory() {
        clear();
    }

    void clear() {
        java.util.Arrays.fill(pc, -1);
        java.util.Arrays.fill(stores, -1);
    }

    /** True if this poll repeats a recorded one with nothing stored since. */
    boolean repeats(int addr, int v, CortexM core, long storesNow) {
        int p = core.reg(15);
        long now = core.cycles();
        int x = core.xpsr();
        for (int k = 0; k < DEPTH; k++) {
            if (pc[k] == p && address[k] == addr && value[k] == v && stores[k] == storesNow && xpsr[k] == x
                    && now - cycles[k] < WINDOW_CYCLES && sameRegisters(regs[k], core)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameRegisters(int[] r, CortexM core) {
        for (int i = 0; i < 15; i++) {
            if (core.reg(i) != r[i]) {
                return false;
            }
        }
        return true;
    }

    void record(int addr, int v, CortexM core, long storesNow) {
        int k = next;
        next = (next + 1) % DEPTH;
        address[k] = addr;
        value[k] = v;
        pc[k] = core.reg(15);
        xpsr[k] = core.xpsr();
        stores[k] = storesNow;
        cycles[k] = core.cycles();
        for (int i = 0; i < 15; i++) {
            regs[k][i] = core.reg(i);
        }
    }
}
