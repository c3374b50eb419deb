package dev.brickproof.emulator.unicorn;

import java.util.List;

/**
 * What the instruction-stream differential does not generate, and why. Every entry is either a core finding
 * (see rig/emulator/DIFF_FINDINGS.md; delete the entry when the core is fixed and the class goes green) or a
 * Unicorn deviation from the ARMv7-M Architecture Reference Manual (DDI 0403E).
 */
final class Exclusions {
    private Exclusions() {
    }

    /** Unicorn 2.0.1 (QEMU 5 TCG) gets these wrong; the ARMv7-M ARM section is cited per entry. */
    static final List<Exclusion> UNICORN_QUIRKS = List.of();

    /** Open core findings (DIFF_FINDINGS.md). Keep each as narrow as the finding. */
    static final List<Exclusion> CORE_FINDINGS = List.of();

    static Exclusion match(Insn insn) {
        for (Exclusion e : UNICORN_QUIRKS) {
            if (e.matches().test(insn)) {
                return e;
            }
        }
        for (Exclusion e : CORE_FINDINGS) {
            if (e.matches().test(insn)) {
                return e;
            }
        }
        return null;
    }
}
