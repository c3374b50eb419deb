package dev.brickproof.emulator.unicorn;

/** Unicorn 2 (Cortex-M3 or, for the DSP classes, Cortex-M4 model) as a {@link DiffEngine}; one engine serves many streams. */
final class UnicornEngine implements DiffEngine {
    private static final int IT_BITS = 0x0600_FC00; // xPSR ICI/IT[1:0] (26:25) and IT[7:2] (15:10)
    private final UnicornArm uc;
    private int pc;

    UnicornEngine() {
        this(false);
    }

    UnicornEngine(boolean cortexM4) {
        uc = cortexM4 ? UnicornArm.openCortexM4() : UnicornArm.openCortexM3();
        uc.map(0, InstructionStream.CODE_REGION, false);
        uc.map(Gen.RAM_BASE, Gen.RAM_SIZE, true);
    }

    @Override
    public String name() {
        return "unicorn";
    }

    @Override
    public void load(byte[] codeRegion, byte[] ram, int[] registers, int apsr) {
        uc.write(0, codeRegion);
        uc.removeCache(0, InstructionStream.CODE_REGION); // a range removal: TB_FLUSH costs 30-600 ms
        uc.write(Gen.RAM_BASE, ram);
        for (int r = 0; r < 15; r++) {
            uc.setReg(r, registers[r]);
        }
        uc.setApsr(apsr);
        uc.clearExceptionMasks(); // the engine is reused: a previous stream may have set them
        pc = registers[15];
        uc.setReg(15, pc | 1);
    }

    @Override
    public void step() {
        int rc = uc.tryRun(pc, 1);
        if (rc != 0) {
            throw new UnicornException("uc_emu_start at " + Integer.toHexString(pc) + ": "
                    + UnicornArm.errorText(rc), rc);
        }
        pc = uc.reg(15);
    }

    @Override
    public void state(int[] out) {
        uc.readAll(out);
    }

    @Override
    public boolean inItBlock() {
        return (uc.xpsr() & IT_BITS) != 0;
    }

    @Override
    public void ram(byte[] into) {
        uc.read(Gen.RAM_BASE, into);
    }

    @Override
    public void loadFp(int[] s, int fpscr) {
        for (int i = 0; i < 32; i++) {
            uc.setFpRegister(i, s[i]);
        }
        uc.setFpscr(fpscr);
        uc.setControl(0); // the engine is reused: FPCA (and SFPA) from the previous stream
    }

    @Override
    public void fpState(int[] out) {
        for (int i = 0; i < 32; i++) {
            out[i] = uc.fpRegister(i);
        }
        out[32] = uc.fpscr();
        out[33] = uc.control() & 4;
    }

    @Override
    public void close() {
        uc.close();
    }
}
