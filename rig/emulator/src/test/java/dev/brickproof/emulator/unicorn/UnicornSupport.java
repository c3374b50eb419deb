package dev.brickproof.emulator.unicorn;

import org.testng.SkipException;

/** TestNG glue: tests that need the oracle skip (never pass) where libunicorn2 is missing. */
final class UnicornSupport {
    private UnicornSupport() {
    }

    static void requireUnicorn() {
        if (!UnicornArm.isAvailable()) {
            throw new SkipException(UnicornArm.MISSING_LIBRARY);
        }
    }
}
