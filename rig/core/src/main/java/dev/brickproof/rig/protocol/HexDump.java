package dev.brickproof.rig.protocol;

/** Renders device bytes for error messages: hex, then the printable view ('.' for the rest). */
public final class HexDump {
    private HexDump() {
    }

    public static String of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    public static String of(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return "(nothing)";
        }
        StringBuilder hex = new StringBuilder(length * 3);
        StringBuilder text = new StringBuilder(length);
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xFF;
            if (hex.length() > 0) {
                hex.append(' ');
            }
            hex.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return hex.toString().toUpperCase() + " |" + text + "|";
    }

    /** "0x79" style. */
    public static String byteName(int b) {
        return String.format("0x%02X", b & 0xFF);
    }
}
