package dev.brickproof.rig.protocol.iap;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of {@link FlagWordIapClient} (design D1). Defaults follow the reference firmware
 * ({@code fixtures/firmware/README.md}): 1 KiB pages, at most 50, erase confirmed by
 * {@code D1: erased <n> pages}, end confirmed by {@code D1: received <n> bytes}.
 *
 * @param pageSize      erase unit used to size the request: pages = ceil(image / pageSize)
 * @param maxPages      largest page count the bootloader accepts (the request carries one byte)
 * @param readyPattern  when set, awaited before the request (the update-mode prompt); null = already there
 * @param readyTimeout  bound for {@code readyPattern}
 * @param eraseDone     console text that says the erase finished; null = wait {@code erasePerPage × pages}
 * @param erasePerPage  worst-case erase time of one page (datasheet max 40 ms on F1), used without eraseDone
 * @param eraseTimeout  bound for the erase (with {@code eraseDone}); must cover pages × 40 ms
 * @param pacing        how the raw image is streamed
 * @param done          console text that confirms the end; group 1, if present, is the byte count the
 *                      device received and must equal the image size; null = no confirmation
 * @param doneTimeout   bound for {@code done}, counted after the last byte (covers the 1 s silence end)
 */
public record FlagWordIapOptions(int pageSize, int maxPages, Pattern readyPattern, Duration readyTimeout,
                                 Pattern eraseDone, Duration erasePerPage, Duration eraseTimeout, Pacing pacing,
                                 Pattern done, Duration doneTimeout) {
    public FlagWordIapOptions {
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        Objects.requireNonNull(erasePerPage, "erasePerPage");
        Objects.requireNonNull(eraseTimeout, "eraseTimeout");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(doneTimeout, "doneTimeout");
        if (pageSize < 1 || maxPages < 1 || maxPages > 255) {
            throw new IllegalArgumentException("pageSize >= 1 and maxPages within 1..255 required");
        }
    }

    public static FlagWordIapOptions defaults() {
        return new FlagWordIapOptions(1024, 50, null, Duration.ofSeconds(3),
                Pattern.compile("D1: erased (\\d+) pages"), Duration.ofMillis(40), Duration.ofSeconds(5),
                Pacing.of(256, Duration.ZERO), Pattern.compile("D1: received (\\d+) bytes"), Duration.ofSeconds(4));
    }

    public FlagWordIapOptions withReady(Pattern pattern, Duration timeout) {
        return new FlagWordIapOptions(pageSize, maxPages, pattern, timeout, eraseDone, erasePerPage, eraseTimeout,
                pacing, done, doneTimeout);
    }

    public FlagWordIapOptions withErase(Pattern pattern, Duration perPage, Duration timeout) {
        return new FlagWordIapOptions(pageSize, maxPages, readyPattern, readyTimeout, pattern, perPage, timeout,
                pacing, done, doneTimeout);
    }

    public FlagWordIapOptions withPacing(Pacing p) {
        return new FlagWordIapOptions(pageSize, maxPages, readyPattern, readyTimeout, eraseDone, erasePerPage,
                eraseTimeout, p, done, doneTimeout);
    }

    public FlagWordIapOptions withDone(Pattern pattern, Duration timeout) {
        return new FlagWordIapOptions(pageSize, maxPages, readyPattern, readyTimeout, eraseDone, erasePerPage,
                eraseTimeout, pacing, pattern, timeout);
    }

    public FlagWordIapOptions withPages(int size, int max) {
        return new FlagWordIapOptions(size, max, readyPattern, readyTimeout, eraseDone, erasePerPage,
                eraseTimeout, pacing, done, doneTimeout);
    }
}
