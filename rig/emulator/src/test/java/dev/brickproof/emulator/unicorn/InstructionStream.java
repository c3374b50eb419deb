package dev.brickproof.emulator.unicorn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/**
 * A generated program for one encoding class plus the random machine state it starts from. Code lives at
 * {@link #CODE_BASE} (the vector table below it holds the initial SP and PC), data accesses go to the RAM
 * window at {@link Gen#RAM_BASE}. The stream ends when PC reaches {@link #end()}; NOPs follow so that an IT
 * slice overrun never leaves the code.
 */
final class InstructionStream {
    static final int CODE_BASE = 0x100;
    static final int CODE_REGION = 0x1_0000;
    private static final int PADDING_NOPS = 8;

    private final InstructionClass encodingClass;
    private final long seed;
    private final NavigableMap<Integer, Insn> byAddress = new TreeMap<>();
    private final byte[] image; // the whole code region, vector table included
    private final int end;
    private final int[] registers = new int[16];
    private final int apsr;
    private final byte[] ram = new byte[Gen.RAM_SIZE];
    private final int instructionCount;
    private final int[] fpRegisters = new int[32];
    private final int fpscr;

    private InstructionStream(InstructionClass encodingClass, long seed, List<Insn> insns, Random rnd) {
        this.encodingClass = encodingClass;
        this.seed = seed;
        image = new byte[CODE_REGION];
        int pc = CODE_BASE;
        for (Insn insn : insns) {
            byAddress.put(pc, insn);
            put16(pc, insn.hw1());
            if (insn.isWide()) {
                put16(pc + 2, insn.hw2());
            }
            pc += insn.size();
        }
        end = pc;
        for (int i = 0; i < PADDING_NOPS; i++) {
            put16(pc + 2 * i, 0xBF00);
        }
        instructionCount = insns.size();
        for (int r = 0; r < 16; r++) {
            registers[r] = Gen.interesting(rnd);
        }
        registers[13] = Gen.INITIAL_SP;
        registers[15] = CODE_BASE;
        apsr = rnd.nextInt() & StepComparator.FLAG_MASK_DSP; // GE only matters on the M4
        rnd.nextBytes(ram);
        for (int i = 0; i < 32; i++) {
            fpRegisters[i] = FpThumb.interestingFloat(rnd); // drawn after everything else: older streams unchanged
        }
        fpscr = rnd.nextInt() & 0xF7C0_009F; // the first FP instruction replaces the modes with FPDSCR's (0)
        put32(0, Gen.INITIAL_SP);
        put32(4, CODE_BASE | 1);
    }

    /** Items of {@code encodingClass} until at least {@code minInstructions} instructions were emitted. */
    static InstructionStream generate(InstructionClass encodingClass, long seed, int minInstructions) {
        Random rnd = new Random(seed);
        Gen g = new Gen(rnd, encodingClass.id());
        int rejected = 0;
        while (g.out.size() < minInstructions && rejected < 10_000) {
            int before = g.out.size();
            encodingClass.emit(g);
            g.releaseAll();
            for (int i = before; i < g.out.size(); i++) {
                if (Exclusions.match(g.out.get(i)) != null) {
                    g.out.subList(before, g.out.size()).clear(); // drop the whole item, draw another
                    rejected++;
                    break;
                }
            }
        }
        return new InstructionStream(encodingClass, seed, new ArrayList<>(g.out), rnd);
    }

    private void put16(int address, int value) {
        image[address] = (byte) value;
        image[address + 1] = (byte) (value >>> 8);
    }

    private void put32(int address, int value) {
        put16(address, value);
        put16(address + 2, value >>> 16);
    }

    InstructionClass encodingClass() {
        return encodingClass;
    }

    long seed() {
        return seed;
    }

    byte[] image() {
        return image.clone();
    }

    int end() {
        return end;
    }

    /** r0..r15 at the start (r13 = SP in RAM, r15 = first instruction). */
    int[] registers() {
        return registers.clone();
    }

    /** N Z C V Q in xPSR layout. */
    int apsr() {
        return apsr;
    }

    byte[] ram() {
        return ram.clone();
    }

    /** S0..S31 at the start (bits), for the floating-point classes. */
    int[] fpRegisters() {
        return fpRegisters.clone();
    }

    /** FPSCR at the start (random; the first floating-point instruction takes the modes from FPDSCR = 0). */
    int fpscr() {
        return fpscr;
    }

    int instructionCount() {
        return instructionCount;
    }

    Insn at(int address) {
        return byAddress.get(address);
    }

    /** Up to {@code n} instructions ending at (and including) {@code address}, for reports. */
    List<String> listingUpTo(int address, int n) {
        List<String> lines = new ArrayList<>();
        for (var e : byAddress.headMap(address, true).descendingMap().entrySet()) {
            if (lines.size() >= n) {
                break;
            }
            lines.add(String.format("  %08x: %s", e.getKey(), e.getValue()));
        }
        Collections.reverse(lines);
        return lines;
    }

    /** The whole program as text (for debugging a generator change). */
    String listing() {
        StringBuilder sb = new StringBuilder();
        byAddress.forEach((a, i) -> sb.append(String.format("%08x: %s%n", a, i)));
        return sb.toString();
    }
}
