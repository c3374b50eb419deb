package dev.brickproof.rig.protocol.iap;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of {@link KeyAtResetIapClient} (design D3). Defaults follow the reference firmware
 * ({@code fixtures/firmware/README.md}): sign of life {@code D3: IAP mode}; 1024-byte chunks with a
 * 60 ms gap (the F103 needs ≥ 45 ms to erase the next page; ≥ 100 ms of silence ends the image);
 * confirmation {@code D3: received <n> bytes}.
 *
 * @param ready         console text showing the bootloader entered IAP mode
 * @param readyTimeout  bound for {@code ready} after the reset pulse
 * @param pacing        how the raw image is streamed
 * @param idleEnd       the device's end-of-image silence; we stay quiet at least this long after the image
 * @param done          confirmation text; group 1, if present, is the byte count and must equal the image
 *                      size; null = no confirmation (only the idle time is waited)
 * @param doneTimeout   bound for {@code done}, counted after the last byte
 * @param resetAfter    pulse reset after the confirmation so the new app starts (the key is released)
 * @param bootBanner    when set (with resetAfter), awaited after that reset: the next-boot banner
 * @param bootTimeout   bound for {@code bootBanner}
 */
public record KeyAtResetIapOptions(Pattern ready, Duration readyTimeout, Pacing pacing, Duration idleEnd,
                                   Pattern done, Duration doneTimeout, boolean resetAfter, Pattern bootBanner,
                                   Duration bootTimeout) {
    public KeyAtResetIapOptions {
        Objects.requireNonNull(ready, "ready");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(idleEnd, "idleEnd");
        Objects.requireNonNull(doneTimeout, "doneTimeout");
        Objects.requireNonNull(bootTimeout, "bootTimeout");
    }

    public static KeyAtResetIapOptions defaults() {
        return new KeyAtResetIapOptions(Pattern.compile("D3: IAP mode"), Duration.ofSeconds(3),
                Pacing.of(1024, Duration.ofMillis(60)), Duration.ofMillis(100),
                Pattern.compile("D3: received (\\d+) bytes"), Duration.ofSeconds(3), false, null, Duration.ofSeconds(5));
    }

    public KeyAtResetIapOptions withReady(Pattern pattern, Duration timeout) {
        return new KeyAtResetIapOptions(pattern, timeout, pacing, idleEnd, done, doneTimeout, resetAfter, bootBanner,
                bootTimeout);
    }

    public KeyAtResetIapOptions withPacing(Pacing p) {
        return new KeyAtResetIapOptions(ready, readyTimeout, p, idleEnd, done, doneTimeout, resetAfter, bootBanner,
                bootTimeout);
    }

    public KeyAtResetIapOptions withIdleEnd(Duration d) {
        return new KeyAtResetIapOptions(ready, readyTimeout, pacing, d, done, doneTimeout, resetAfter, bootBanner,
                bootTimeout);
    }

    public KeyAtResetIapOptions withDone(Pattern pattern, Duration timeout) {
        return new KeyAtResetIapOptions(ready, readyTimeout, pacing, idleEnd, pattern, timeout, resetAfter, bootBanner,
                bootTimeout);
    }

    /** After the confirmation, reset and await {@code banner} (null: just reset). */
    public KeyAtResetIapOptions withResetAfter(Pattern banner, Duration timeout) {
        return new KeyAtResetIapOptions(ready, readyTimeout, pacing, idleEnd, done, doneTimeout, true, banner, timeout);
    }
}
