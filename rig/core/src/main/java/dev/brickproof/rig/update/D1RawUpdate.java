package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.iap.FlagWordIapClient;
import dev.brickproof.rig.protocol.iap.FlagWordIapOptions;
import dev.brickproof.rig.protocol.iap.Pacing;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * D1 (flag word, page-count erase): the application erases the flag page on its update command and resets;
 * the bootloader prompts, the {@link FlagWordIapClient} sends {@code FF <pages> AA} and the raw .bin and
 * checks the byte count the bootloader reports.
 */
public final class D1RawUpdate implements UpdateDriver {
    /** The whole prompt, line end included: bytes sent while the bootloader still prints are lost (1-byte RX). */
    private static final Pattern UPDATE_MODE = Pattern.compile("D1: update mode[^\n]*\n");
    /** What the reference D1 firmware prints when an update fails (fixtures/firmware/boot/d1.c, app). */
    static final List<Pattern> FAILURES = List.of(Pattern.compile(
            "D1: (bad page count|erase failed|flash write failed|image invalid|flag write failed|flag erase failed)"));
    private static final Pattern ERASED = Pattern.compile("D1: erased (\\d+) pages[^\n]*\n");

    @Override
    public String protocol() {
        return "d1-raw";
    }

    @Override
    public void update(Board board, BoardStrategy strategy, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        strategy.transition(BoardState.IAP_BOOTLOADER);
        resume(board, image, deadline, progress);
    }

    @Override
    public void resume(Board board, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        byte[] data = Images.bytes(image);
        Duration boot = board.resource().timing().bootTimeout();
        int page = board.resource().chip().pageSize();
        FlagWordIapOptions options = FlagWordIapOptions.defaults()
                .withReady(UPDATE_MODE, boot)
                .withPages(page, 50)
                .withErase(ERASED, Duration.ofMillis(40), boot.plus(Duration.ofMillis(45L * 50)))
                .withPacing(Images.pacing(board, page));
        FailureWatch failures = FailureWatch.of(board.firmware(), FAILURES);
        failures.during(board.console(), () ->
                new FlagWordIapClient(board.console().link(), options, progress).upload(data, deadline));
        failures.checkArrived(board.console());
    }

    /** Registers {@code d1-raw} (META-INF/services). */
    public static final class Provider implements UpdateDriverProvider {
        @Override
        public String protocol() {
            return "d1-raw";
        }

        @Override
        public UpdateDriver create(ProtocolOptions options) {
            return new D1RawUpdate();
        }
    }
}
