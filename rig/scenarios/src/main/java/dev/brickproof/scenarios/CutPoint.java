package dev.brickproof.scenarios;

import java.util.Locale;

/**
 * Where and how power fails during an update, counted in the flash operations of the update (0 = its first).
 *
 * <ul>
 *   <li>{@code before:K} — power fails as flash operation K starts (it never happens);</li>
 *   <li>{@code torn:K[:seed]} — power fails inside operation K; the seed picks how far the operation got
 *       ({@link #tornFraction()}), the emulator then tears the cells it would change, bit by bit, from the
 *       board seed and the operation index (replays bit for bit);</li>
 *   <li>{@code after-last} — power fails just after the update's last flash operation completes, before the
 *       board resets into the new image;</li>
 *   <li>{@code double:K:J} — power fails before operation K of the update, returns, then fails again before
 *       operation J of the recovery boot that follows (J counted from power-on);</li>
 *   <li>{@code link:B} — the serial link drops after host byte B (power stays); the host then retries.</li>
 * </ul>
 *
 * @param kind   the kind of cut
 * @param op     K for before/torn/double, B for link, -1 for after-last
 * @param second the torn seed, or J for double; 0 otherwise
 */
public record CutPoint(Kind kind, long op, long second) {

    /** The kinds of cut a sweep makes. */
    public enum Kind {
        BEFORE, TORN, AFTER_LAST, DOUBLE, LINK;

        /** The command-line name: before, torn, after-last, double, link. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind fromKey(String key) {
            for (Kind k : values()) {
                if (k.key().equals(key.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown cut kind '" + key + "': use before, torn, after-last, double"
                    + " or link");
        }
    }

    public CutPoint {
        if (kind != Kind.AFTER_LAST && op < 0) {
            throw new IllegalArgumentException(kind.key() + " needs an operation index >= 0, not " + op);
        }
    }

    public static CutPoint before(long op) {
        return new CutPoint(Kind.BEFORE, op, 0);
    }

    public static CutPoint torn(long op, long seed) {
        return new CutPoint(Kind.TORN, op, seed);
    }

    public static CutPoint afterLast() {
        return new CutPoint(Kind.AFTER_LAST, -1, 0);
    }

    public static CutPoint twice(long op, long recoveryOp) {
        return new CutPoint(Kind.DOUBLE, op, recoveryOp);
    }

    public static CutPoint link(long hostByte) {
        return new CutPoint(Kind.LINK, hostByte, 0);
    }

    /**
     * Parses {@code before:K}, {@code torn:K}, {@code torn:K:seed}, {@code after-last}, {@code double:K:J} or
     * {@code link:B}.
     */
    public static CutPoint parse(String text) {
        String[] parts = text.trim().split(":");
        try {
            Kind kind = Kind.fromKey(parts[0]);
            return switch (kind) {
                case AFTER_LAST -> {
                    require(parts.length == 1, text);
                    yield afterLast();
                }
                case BEFORE -> {
                    require(parts.length == 2, text);
                    yield before(Long.parseLong(parts[1]));
                }
                case TORN -> {
                    require(parts.length == 2 || parts.length == 3, text);
                    yield torn(Long.parseLong(parts[1]), parts.length == 3 ? Long.parseLong(parts[2]) : 0);
                }
                case DOUBLE -> {
                    require(parts.length == 3, text);
                    yield twice(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                }
                case LINK -> {
                    require(parts.length == 2, text);
                    yield link(Long.parseLong(parts[1]));
                }
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cut point '" + text + "': " + e.getMessage() + "; " + FORMS, e);
        }
    }

    private static final String FORMS = "write before:K, torn:K, torn:K:seed, after-last, double:K:J or link:B"
            + " (K, J flash operation numbers, B a host byte count)";

    private static void require(boolean ok, String text) {
        if (!ok) {
            throw new IllegalArgumentException("cut point '" + text + "' is malformed: " + FORMS);
        }
    }

    /**
     * How far a torn operation got before power failed: seed 0 is half-way, further seeds spread over
     * (0.05, 0.95) by the golden ratio, so three seeds tear an erase at 50 %, 11.8 % and 73.6 %.
     */
    public double tornFraction() {
        double f = (0.5 + second * 0.6180339887498949) % 1.0;
        return Math.min(0.95, Math.max(0.05, f));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AFTER_LAST -> "after-last";
            case BEFORE -> "before:" + op;
            case TORN -> "torn:" + op + ":" + second;
            case DOUBLE -> "double:" + op + ":" + second;
            case LINK -> "link:" + op;
        };
    }
}
