package dev.brickproof.emulator.soc;

import java.util.Map;

/**
 * A peripheral modelled only as storage: registers keep what is written (within a writable mask) and read
 * it back; some bits can be forced to read as set (ready flags). Enough for blocks firmware merely
 * configures (PWR, AFIO, SYSCFG, EXTI, DBGMCU control) and a quick way to add a new one.
 */
public final class RegisterFile implements Peripheral {
    private final String name;
    private final int base;
    private final int size;
    private final Map<Integer, Integer> resetValues;
    private final Map<Integer, Integer> forcedOnes;
    private final Map<Integer, Integer> readOnly;
    private int[] regs;

    /**
     * @param resetValues offset → reset value
     * @param forcedOnes  offset → bits that always read 1 (e.g. regulator-ready flags)
     * @param readOnly    offset → bits writes cannot change
     */
    public RegisterFile(String name, int base, int size, Map<Integer, Integer> resetValues,
                        Map<Integer, Integer> forcedOnes, Map<Integer, Integer> readOnly) {
        this.name = name;
        this.base = base;
        this.size = size;
        this.resetValues = Map.copyOf(resetValues);
        this.forcedOnes = Map.copyOf(forcedOnes);
        this.readOnly = Map.copyOf(readOnly);
        this.regs = new int[size / 4];
        reset(ResetCause.POWER_ON);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int base() {
        return base;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int read(int offset) {
        return regs[offset / 4] | forcedOnes.getOrDefault(offset, 0);
    }

    @Override
    public void write(int offset, int value, int size) {
        int ro = readOnly.getOrDefault(offset, 0);
        regs[offset / 4] = (regs[offset / 4] & ro) | (value & ~ro);
    }

    /** Plain registers change only when written: polling one can be skipped over. */
    @Override
    public boolean isPollable(int offset) {
        return true;
    }

    @Override
    public void reset(ResetCause cause) {
        java.util.Arrays.fill(regs, 0);
        resetValues.forEach((o, v) -> regs[o / 4] = v);
    }

    @Override
    public Object saveState() {
        return regs.clone();
    }

    @Override
    public void restoreState(Object state) {
        regs = ((int[]) state).clone();
    }
}
