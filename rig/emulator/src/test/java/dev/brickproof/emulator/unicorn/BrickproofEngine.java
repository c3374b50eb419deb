package dev.brickproof.emulator.unicorn;

import dev.brickproof.emulator.cpu.CoreState;
import dev.brickproof.emulator.cpu.CortexM;

/** The core under test as a {@link DiffEngine}: a fresh {@link CortexM} (M3, or M4 for DSP) on a {@link RamBus} per stream. */
final class BrickproofEngine implements DiffEngine, StepComparator.Noted {
    private final boolean cortexM4;
    private RamBus bus;
    private CortexM cpu;

    BrickproofEngine() {
        this(false);
    }

    BrickproofEngine(boolean cortexM4) {
        this.cortexM4 = cortexM4;
    }

    @Override
    public String name() {
        return "brickproof";
    }

    @Override
    public void load(byte[] codeRegion, byte[] ram, int[] registers, int apsr) {
        bus = new RamBus(InstructionStream.CODE_REGION, Gen.RAM_BASE, Gen.RAM_SIZE);
        bus.loadCode(codeRegion);
        bus.loadRam(ram);
        cpu = new CortexM(bus, cortexM4);
        cpu.reset(); // SP and PC from the vector table the stream carries
        for (int r = 0; r < 15; r++) {
            cpu.setReg(r, registers[r]);
        }
        cpu.setReg(15, registers[15]);
        cpu.setXpsr(apsr & StepComparator.FLAG_MASK_DSP | 1 << 24);
    }

    @Override
    public void step() {
        cpu.step();
    }

    @Override
    public void state(int[] out) {
        for (int r = 0; r < 16; r++) {
            out[r] = cpu.reg(r);
        }
        out[16] = cpu.xpsr();
    }

    @Override
    public void loadFp(int[] s, int fpscr) {
        for (int i = 0; i < 32; i++) {
            cpu.setFpRegister(i, s[i]);
        }
        cpu.setFpscr(fpscr);
        cpu.debugWrite32(0xE000_ED88, 0x00F0_0000); // CPACR: CP10/CP11 full access, as SystemInit does
    }

    @Override
    public void fpState(int[] out) {
        for (int i = 0; i < 32; i++) {
            out[i] = cpu.fpRegister(i);
        }
        out[32] = cpu.fpscr();
        out[33] = cpu.control() & 4;
    }

    @Override
    public boolean inItBlock() {
        return cpu.inItBlock();
    }

    @Override
    public void ram(byte[] into) {
        System.arraycopy(bus.ram(), 0, into, 0, into.length);
    }

    @Override
    public String notes() {
        StringBuilder sb = new StringBuilder();
        if (cpu.state() != CoreState.RUNNING) {
            sb.append("core ").append(cpu.state()).append(": ").append(cpu.haltReason());
        }
        if (cpu.cfsr() != 0 || cpu.hfsr() != 0) {
            sb.append(sb.length() > 0 ? "; " : "").append(String.format("CFSR %08x HFSR %08x", cpu.cfsr(),
                    cpu.hfsr()));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        cpu = null;
        bus = null;
    }
}
