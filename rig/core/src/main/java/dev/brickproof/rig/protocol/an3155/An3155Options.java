package dev.brickproof.rig.protocol.an3155;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link An3155Client}. Timeouts follow stm32flash 0.7 (fact sheet §3.4): page erase 5 s per
 * page, mass erase 35 s, block write 1 s.
 *
 * @param baud             line rate; the link is configured 8E1 at this rate
 * @param syncTimeout      wait for the answer to one 0x7F
 * @param syncAttempts     0x7F rounds before giving up
 * @param ackTimeout       wait for an ACK to a command or address frame
 * @param writeTimeout     wait for the ACK that ends a block write (flash busy time included)
 * @param pageEraseTimeout per page erased
 * @param massEraseTimeout for a mass erase
 * @param retries          resends of a NACKed write/read block before giving up
 * @param settleAfterReset quiet time after the reset pulse before the first 0x7F
 */
public record An3155Options(int baud, Duration syncTimeout, int syncAttempts, Duration ackTimeout,
                            Duration writeTimeout, Duration pageEraseTimeout, Duration massEraseTimeout, int retries,
                            Duration settleAfterReset) {
    public An3155Options {
        Objects.requireNonNull(syncTimeout, "syncTimeout");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(pageEraseTimeout, "pageEraseTimeout");
        Objects.requireNonNull(massEraseTimeout, "massEraseTimeout");
        Objects.requireNonNull(settleAfterReset, "settleAfterReset");
        if (baud < 1200 || syncAttempts < 1 || retries < 0) {
            throw new IllegalArgumentException("baud >= 1200, syncAttempts >= 1, retries >= 0 required");
        }
    }

    public static An3155Options defaults() {
        return new An3155Options(115_200, Duration.ofMillis(500), 3, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(35), 3, Duration.ofMillis(20));
    }

    public An3155Options withBaud(int rate) {
        return new An3155Options(rate, syncTimeout, syncAttempts, ackTimeout, writeTimeout, pageEraseTimeout,
                massEraseTimeout, retries, settleAfterReset);
    }

    public An3155Options withSync(Duration timeout, int attempts) {
        return new An3155Options(baud, timeout, attempts, ackTimeout, writeTimeout, pageEraseTimeout,
                massEraseTimeout, retries, settleAfterReset);
    }

    public An3155Options withAckTimeout(Duration timeout) {
        return new An3155Options(baud, syncTimeout, syncAttempts, timeout, writeTimeout, pageEraseTimeout,
                massEraseTimeout, retries, settleAfterReset);
    }

    public An3155Options withWriteTimeout(Duration timeout) {
        return new An3155Options(baud, syncTimeout, syncAttempts, ackTimeout, timeout, pageEraseTimeout,
                massEraseTimeout, retries, settleAfterReset);
    }

    public An3155Options withEraseTimeouts(Duration perPage, Duration mass) {
        return new An3155Options(baud, syncTimeout, syncAttempts, ackTimeout, writeTimeout, perPage, mass, retries,
                settleAfterReset);
    }

    public An3155Options withRetries(int n) {
        return new An3155Options(baud, syncTimeout, syncAttempts, ackTimeout, writeTimeout, pageEraseTimeout,
                massEraseTimeout, n, settleAfterReset);
    }
}
