package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;

/**
 * The one place the time an update may take is derived: from the rig file's timing (boot timeout, pacing),
 * the line rate and the image size. Callers (suites, CLI) create it once and pass it to
 * {@link UpdateDriver#update}; drivers and protocol clients only cut sub-steps out of it with
 * {@link Deadline#within}, never a budget of their own.
 */
public final class UpdateDeadline {
    /** Fixed allowance for entering update mode, erasing ahead of the first block and the device's checks. */
    static final Duration FIXED = Duration.ofSeconds(30);
    /** Wire time is counted three times over: resends, a slow receiver, the console sharing the line. */
    static final int WIRE_FACTOR = 3;
    /** Boots before and after the transfer (into the bootloader, into the new application) and a copy. */
    static final int BOOTS = 3;

    private UpdateDeadline() { }

    /**
     * The budget for sending {@code bytes} to a board: {@value #BOOTS} boot timeouts, 30 s, three times the
     * wire time at the board's baud rate, and the rig file's pacing gap after every flash page.
     */
    public static Duration budget(BoardResource board, FirmwareProfile firmware, long bytes) {
        Duration boot = board.timing().bootTimeout();
        Duration wire = Duration.ofNanos(bytes * 10L * 1_000_000_000L / board.serial().baud());
        int page = Math.max(1, board.chip().pageSize());
        Duration pacing = firmware.pacing().multipliedBy((bytes + page - 1) / page);
        return boot.multipliedBy(BOOTS).plus(FIXED).plus(wire.multipliedBy(WIRE_FACTOR)).plus(pacing);
    }

    /** The deadline for updating {@code board} to {@code image}, starting now on the board's clock. */
    public static Deadline of(Board board, FirmwareImage image) {
        return board.clock().deadlineAfter(budget(board.resource(), board.firmware(), image.size()),
                "update of board " + board.id() + " to " + image.label());
    }
}
