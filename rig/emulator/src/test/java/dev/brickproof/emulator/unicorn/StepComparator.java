package dev.brickproof.emulator.unicorn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one {@link InstructionStream} on the oracle and on the subject in lock-step and compares r0..r15, the
 * NZCVQ flags and the RAM window after every instruction. Unicorn's single step may run the rest of an IT
 * block at once (TOOLCHAIN_NOTES), so the subject is stepped until its PC catches up, and states are compared
 * only where neither engine is inside an IT block. With floating-point comparison on (Cortex-M4F classes), S0..S31,
 * the FPSCR and CONTROL.FPCA are compared too.
 */
final class StepComparator {
    /** N Z C V Q. */
    static final int FLAG_MASK = 0xF800_0000;
    /** N Z C V Q and GE[3:0] (Cortex-M4 with the DSP extension). */
    static final int FLAG_MASK_DSP = 0xF80F_0000;
    /** An IT instruction and its (up to) four conditional instructions. */
    private static final int MAX_CATCH_UP = 5;

    private final DiffEngine oracle;
    private final DiffEngine subject;
    private final int flagMask;
    private final boolean compareFp;
    private final int[] oracleFp = new int[DiffEngine.FP_STATE_WORDS];
    private final int[] subjectFp = new int[DiffEngine.FP_STATE_WORDS];
    private final byte[] oracleRam = new byte[Gen.RAM_SIZE];
    private final byte[] subjectRam = new byte[Gen.RAM_SIZE];
    private long comparedSteps;

    StepComparator(DiffEngine oracle, DiffEngine subject) {
        this(oracle, subject, FLAG_MASK);
    }

    /** {@code flagMask}: {@link #FLAG_MASK}, or {@link #FLAG_MASK_DSP} to compare the GE flags too. */
    StepComparator(DiffEngine oracle, DiffEngine subject, int flagMask) {
        this(oracle, subject, flagMask, false);
    }

    /** {@code compareFp}: load the stream's S registers and FPSCR and compare the floating-point state as well. */
    StepComparator(DiffEngine oracle, DiffEngine subject, int flagMask, boolean compareFp) {
        this.oracle = oracle;
        this.subject = subject;
        this.flagMask = flagMask;
        this.compareFp = compareFp;
    }

    long comparedSteps() {
        return comparedSteps;
    }

    /** Empty when both engines agree on the whole stream, else the report of the first divergence. */
    Optional<String> run(InstructionStream stream) {
        oracle.load(stream.image(), stream.ram(), stream.registers(), stream.apsr());
        subject.load(stream.image(), stream.ram(), stream.registers(), stream.apsr());
        if (compareFp) {
            oracle.loadFp(stream.fpRegisters(), stream.fpscr());
            subject.loadFp(stream.fpRegisters(), stream.fpscr());
        }
        int[] o = new int[17];
        int[] s = new int[17];
        oracle.state(o);
        subject.state(s);
        Optional<String> initial = compare(stream, o.clone(), s.clone(), o, s, stream.registers()[15], o[15]);
        if (initial.isPresent()) {
            return initial.map(r -> "state differs right after loading (harness problem)\n" + r);
        }
        int limit = stream.instructionCount() + 16;
        for (int n = 0; o[15] != stream.end(); n++) {
            if (n > limit) {
                return Optional.of("no end after " + n + " steps at pc " + hex(o[15]));
            }
            int[] oBefore = o.clone();
            int[] sBefore = s.clone();
            int pc = o[15];
            try {
                oracle.step();
            } catch (RuntimeException e) {
                return Optional.of(header(stream, pc, o[15]) + "oracle failed: " + e.getMessage() + "\n"
                        + listing(stream, pc, pc));
            }
            oracle.state(o);
            int steps = 0;
            try {
                do {
                    subject.step();
                    subject.state(s);
                    steps++;
                } while (Integer.compareUnsigned(s[15], o[15]) < 0 && Integer.compareUnsigned(s[15], pc) > 0
                        && steps < MAX_CATCH_UP);
            } catch (RuntimeException e) {
                return Optional.of(header(stream, pc, o[15]) + "subject threw " + e + "\n" + listing(stream, pc, o[15])
                        + "\n" + registers(oBefore, sBefore, o, s));
            }
            if (s[15] != o[15]) {
                return Optional.of(header(stream, pc, o[15]) + "PC differs (" + subject.name() + " " + hex(s[15])
                        + ", " + oracle.name() + " " + hex(o[15]) + ")" + notes() + "\n" + listing(stream, pc, o[15])
                        + "\n" + registers(oBefore, sBefore, o, s));
            }
            if (oracle.inItBlock() || subject.inItBlock()) {
                continue;
            }
            Optional<String> diff = compare(stream, oBefore, sBefore, o, s, pc, o[15]);
            if (diff.isPresent()) {
                return diff;
            }
            comparedSteps++;
        }
        // the end: no engine may still be inside an IT block, and the final state must agree
        if (oracle.inItBlock() || subject.inItBlock()) {
            return Optional.of(header(stream, o[15], o[15]) + "IT block still open at the end of the stream ("
                    + oracle.name() + " " + oracle.inItBlock() + ", " + subject.name() + " " + subject.inItBlock()
                    + ")" + notes());
        }
        return compare(stream, o.clone(), s.clone(), o, s, o[15], o[15]);
    }

    private String notes() {
        String notes = subject instanceof Noted n ? n.notes() : "";
        return notes.isEmpty() ? "" : " [" + notes + "]";
    }

    private Optional<String> compare(InstructionStream stream, int[] oBefore, int[] sBefore, int[] o, int[] s,
                                     int from, int to) {
        boolean same = true;
        for (int r = 0; r < 16; r++) {
            same &= o[r] == s[r];
        }
        same &= (o[16] & flagMask) == (s[16] & flagMask);
        oracle.ram(oracleRam);
        subject.ram(subjectRam);
        List<String> ramDiffs = new ArrayList<>();
        for (int i = 0; i < Gen.RAM_SIZE; i++) {
            if (oracleRam[i] != subjectRam[i] && ramDiffs.size() < 8) {
                ramDiffs.add(String.format("  [%08x] %s %02x, %s %02x", Gen.RAM_BASE + i, oracle.name(),
                        oracleRam[i] & 0xFF, subject.name(), subjectRam[i] & 0xFF));
            }
        }
        List<String> fpDiffs = compareFp ? fpDifferences() : List.of();
        if (same && ramDiffs.isEmpty() && fpDiffs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(header(stream, from, to) + "state differs after the instruction" + notes() + "\n"
                + listing(stream, from, to) + "\n" + registers(oBefore, sBefore, o, s)
                + (ramDiffs.isEmpty() ? "" : "\nRAM:\n" + String.join("\n", ramDiffs))
                + (fpDiffs.isEmpty() ? "" : "\nfloating point:\n" + String.join("\n", fpDiffs)));
    }

    /** Differing S registers, FPSCR and CONTROL.FPCA, each with both values (and the S values as floats). */
    private List<String> fpDifferences() {
        oracle.fpState(oracleFp);
        subject.fpState(subjectFp);
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < DiffEngine.FP_STATE_WORDS; i++) {
            if (oracleFp[i] == subjectFp[i]) {
                continue;
            }
            String name = i < 32 ? "s" + i : i == 32 ? "fpscr" : "control.fpca";
            String values = String.format("  %-12s %s %08x, %s %08x", name, oracle.name(), oracleFp[i], subject.name(),
                    subjectFp[i]);
            if (i < 32) {
                values += String.format("   (%s vs %s)", Float.intBitsToFloat(oracleFp[i]),
                        Float.intBitsToFloat(subjectFp[i]));
            }
            if (i == 32) {
                values += "   (RMode " + (oracleFp[i] >>> 22 & 3) + ", differing bits " + hex(oracleFp[i] ^ subjectFp[i])
                        + ")";
            }
            diffs.add(values);
        }
        return diffs;
    }

    private static String header(InstructionStream stream, int from, int to) {
        Insn insn = stream.at(from);
        return "class " + stream.encodingClass().id() + ", seed " + stream.seed() + ", at " + hex(from)
                + (insn == null ? "" : ": " + insn.hex().trim() + "  " + insn.text()) + "\n";
    }

    private static String listing(InstructionStream stream, int from, int to) {
        List<String> lines = new ArrayList<>(stream.listingUpTo(from, 6));
        if (!lines.isEmpty()) {
            String last = lines.remove(lines.size() - 1);
            lines.add(last.replaceFirst("^ ", ">"));
        }
        return "listing (> = the instruction executed):\n" + String.join("\n", lines);
    }

    private String registers(int[] oBefore, int[] sBefore, int[] o, int[] s) {
        StringBuilder sb = new StringBuilder(String.format("%-6s %-10s %-10s %-10s %-10s%n", "reg",
                "before", "", oracle.name(), subject.name()));
        for (int r = 0; r <= 16; r++) {
            String name = r == 16 ? "xpsr" : Thumb.r(r);
            int mask = r == 16 ? flagMask : -1;
            boolean differs = (o[r] & mask) != (s[r] & mask);
            String before = hex(oBefore[r]) + (oBefore[r] != sBefore[r] ? "/" + hex(sBefore[r]) : "");
            sb.append(String.format("%-6s %-21s %-10s %-10s%s%n", name, before, hex(o[r]), hex(s[r]),
                    differs ? "   <-- differs" : ""));
        }
        sb.append("flags: ").append(oracle.name()).append(' ').append(flags(o[16])).append(", ")
                .append(subject.name()).append(' ').append(flags(s[16]));
        return sb.toString();
    }

    static String flags(int xpsr) {
        String names = "NZCVQ";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            sb.append((xpsr & (1 << (31 - i))) != 0 ? names.charAt(i) : '-');
        }
        return sb.append(" GE=").append(Integer.toBinaryString(16 | xpsr >>> 16 & 15).substring(1)).toString();
    }

    static String hex(int v) {
        return String.format("%08x", v);
    }

    /** An engine that can say more about its state (fault, lock-up) in reports. */
    interface Noted {
        String notes();
    }
}
