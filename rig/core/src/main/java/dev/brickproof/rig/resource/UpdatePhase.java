package dev.brickproof.rig.resource;

import java.util.Locale;

/** The phases of an update at which a power cut is injected. Manifest keys are the lower-case names. */
public enum UpdatePhase {
    TRANSFER, ERASE, PROGRAM, FLAG_WRITE, APPLY, COMMIT;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static UpdatePhase fromKey(String key) {
        for (UpdatePhase phase : values()) {
            if (phase.key().equals(key)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("unknown update phase '" + key + "'");
    }
}
