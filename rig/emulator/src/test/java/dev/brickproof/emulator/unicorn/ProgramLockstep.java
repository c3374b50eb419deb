package dev.brickproof.emulator.unicorn;

import dev.brickproof.emulator.cpu.CoreState;
import dev.brickproof.emulator.cpu.CortexM;

/**
 * One {@link ProgramImage} running on the Brickproof core and on Unicorn side by side, in slices that end
 * after about N instructions or right after a device-register write, where the states are compared.
 */
final class ProgramLockstep implements AutoCloseable {
    private static final int MAX_CATCH_UP = 5;
    private static final int IT_BITS = 0x0600_FC00;

    final ProgramImage image;
    final HostDevice oracleDevice = new HostDevice();
    final HostDevice coreDevice = new HostDevice();
    final UnicornArm uc;
    final RamBus bus;
    final CortexM cpu;
    final int[] o = new int[17];
    private long executed;

    private final int flagMask;

    ProgramLockstep(ProgramImage image) {
        this(image, false);
    }

    /** {@code cortexM4}: both engines as Cortex-M4 (DSP), GE flags compared too. */
    ProgramLockstep(ProgramImage image, boolean cortexM4) {
        this.image = image;
        this.flagMask = cortexM4 ? StepComparator.FLAG_MASK_DSP : StepComparator.FLAG_MASK;
        uc = image.openUnicorn(oracleDevice, cortexM4);
        bus = image.bus(coreDevice);
        cpu = new CortexM(bus, cortexM4);
        cpu.reset();
        uc.readAll(o);
    }

    long executed() {
        return executed;
    }

    boolean exited() {
        return coreDevice.exitCode() != null;
    }

    /**
     * Runs about {@code max} instructions, fewer if the core writes a device register; returns null or what went
     * wrong. Unicorn leads, one {@code uc_emu_start(count = 1)} at a time, and the core steps until it reaches
     * Unicorn's PC: in Unicorn 2.0.1 a larger count drifts from the real instruction count, and a count of 1
     * that starts on an IT instruction runs some or all of the block (DIFF_FINDINGS.md U-2, U-3). Slices never
     * end inside an IT block.
     */
    String slice(int max) {
        int writesBefore = coreDevice.writeCount();
        long start = cpu.instructions();
        int pc = o[15];
        while (true) {
            int rc = uc.tryRun(pc, 1);
            if (rc != 0) {
                return "Unicorn stopped with " + UnicornArm.errorText(rc) + " at pc " + StepComparator.hex(pc);
            }
            pc = uc.reg(15);
            int steps = 0;
            do {
                cpu.step();
                steps++;
                if (cpu.state() != CoreState.RUNNING) {
                    executed += cpu.instructions() - start;
                    uc.readAll(o);
                    return "core " + cpu.state() + " at pc " + StepComparator.hex(cpu.reg(15)) + ": "
                            + cpu.haltReason();
                }
            } while (cpu.reg(15) != pc && steps < MAX_CATCH_UP);
            if (cpu.reg(15) != pc) {
                break; // diverged: diff() says how
            }
            boolean due = cpu.instructions() - start >= max || coreDevice.writeCount() != writesBefore;
            if (due && !cpu.inItBlock() && (uc.xpsr() & IT_BITS) == 0) {
                break;
            }
        }
        uc.readAll(o);
        executed += cpu.instructions() - start;
        return null;
    }

    /** Differences in registers, flags and MMIO writes; empty when in step. */
    String diff() {
        StringBuilder diff = new StringBuilder();
        for (int r = 0; r < 16; r++) {
            if (cpu.reg(r) != o[r]) {
                diff.append(String.format("  %-4s unicorn %08x brickproof %08x%n", Thumb.r(r), o[r], cpu.reg(r)));
            }
        }
        int mask = flagMask;
        if ((cpu.xpsr() & mask) != (o[16] & mask)) {
            diff.append(String.format("  flags unicorn %s brickproof %s%n", StepComparator.flags(o[16]),
                    StepComparator.flags(cpu.xpsr())));
        }
        HostDevice core = coreDevice;
        HostDevice oracle = oracleDevice;
        if (core.writeCount() != oracle.writeCount()
                || core.writeCount() > 0 && !core.writes().get(core.writeCount() - 1)
                        .equals(oracle.writes().get(oracle.writeCount() - 1))) {
            diff.append(String.format("  MMIO writes: unicorn %d (last %s), brickproof %d (last %s)%n",
                    oracle.writeCount(), oracle.writeCount() == 0 ? "-" : oracle.writes().get(oracle.writeCount() - 1),
                    core.writeCount(), core.writeCount() == 0 ? "-" : core.writes().get(core.writeCount() - 1)));
        }
        return diff.toString();
    }

    /** Registers of both engines, for a report. */
    String registers() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 16; r++) {
            sb.append(String.format("  %-4s %08x %08x%s%n", Thumb.r(r), o[r], cpu.reg(r), o[r] != cpu.reg(r)
                    ? "   <-- differs" : ""));
        }
        sb.append(String.format("  flags %s %s%n", StepComparator.flags(o[16]), StepComparator.flags(cpu.xpsr())));
        return sb.toString();
    }

    /** The half-words at {@code address} in the image (the encoding, for reports). */
    String encodingAt(int address) {
        int offset = address - ProgramImage.FLASH_BASE;
        byte[] b = image.bytes();
        if (offset < 0 || offset + 4 > b.length) {
            return "?";
        }
        int hw1 = b[offset] & 0xFF | (b[offset + 1] & 0xFF) << 8;
        int hw2 = b[offset + 2] & 0xFF | (b[offset + 3] & 0xFF) << 8;
        boolean wide = (hw1 >>> 11) >= 0b11101;
        return wide ? String.format("%04x %04x", hw1, hw2) : String.format("%04x", hw1);
    }

    /**
     * Replays to {@code lastGood} instructions in the same slices, then single-steps both engines to the first
     * instruction after which they differ. Returns a report naming it.
     */
    static String locate(ProgramImage image, boolean cortexM4, long lastGood, int syncEvery) {
        try (ProgramLockstep replay = new ProgramLockstep(image, cortexM4)) {
            while (replay.executed() < lastGood) {
                String problem = replay.slice((int) Math.min(syncEvery, lastGood - replay.executed()));
                if (problem != null) {
                    return "replay failed: " + problem;
                }
            }
            for (int i = 0; i < syncEvery + MAX_CATCH_UP; i++) {
                int pc = replay.o[15];
                String before = replay.registers();
                String problem = replay.slice(1);
                String diff = replay.diff();
                if (problem != null || !diff.isEmpty()) {
                    return String.format("first differing instruction: #%d at %08x, encoding %s%s%n"
                            + "registers before (unicorn brickproof):%n%safter:%n%s",
                            replay.executed(), pc, replay.encodingAt(pc), problem == null ? "" : " (" + problem + ")",
                            before, replay.registers());
                }
            }
            return "could not single out the instruction (IT-block slice?)";
        }
    }

    @Override
    public void close() {
        uc.close();
    }
}
