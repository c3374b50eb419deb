package dev.brickproof.emulator.unicorn;

/**
 * One encoded Thumb instruction: a 16-bit one ({@code hw2 < 0}) or a 32-bit one (first and second half-word),
 * with the assembler text it stands for and the encoding class it was generated for.
 */
record Insn(int hw1, int hw2, String text, String encodingClass) {

    static Insn narrow(int hw, String text) {
        return new Insn(hw & 0xFFFF, -1, text, "");
    }

    static Insn wide(int hw1, int hw2, String text) {
        return new Insn(hw1 & 0xFFFF, hw2 & 0xFFFF, text, "");
    }

    Insn inClass(String name) {
        return new Insn(hw1, hw2, text, name);
    }

    boolean isWide() {
        return hw2 >= 0;
    }

    int size() {
        return isWide() ? 4 : 2;
    }

    String hex() {
        return isWide() ? String.format("%04x %04x", hw1, hw2) : String.format("%04x     ", hw1);
    }

    @Override
    public String toString() {
        return hex() + "  " + text + (encodingClass.isEmpty() ? "" : "   [" + encodingClass + "]");
    }
}
