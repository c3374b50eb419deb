package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.driver.ConsoleMatch;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.tobudos.OtaImage;
import dev.brickproof.rig.protocol.ymodem.YmodemOptions;
import dev.brickproof.rig.protocol.ymodem.YmodemSender;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * D4 (TobudOS-style OTA, in-place or ping-pong): the running application's update command starts a YMODEM-1K
 * receiver; the host sends the OTA image ({@link OtaImage}: the 21-byte TencentOS header, then a block patch
 * from the running application to the new one, built by {@code BlockPatch}). The application stores it in the OTA
 * partition, appends {@code NEW_VERSION} to its KV log and resets; the bootloader rebuilds the new application from
 * the running one and the patch on that boot.
 */
public final class TobudosOtaUpdate implements UpdateDriver {
    /** The whole prompt line: the receiver's first 'C' follows it. */
    private static final Pattern RECEIVER = Pattern.compile("D4: send the OTA image with YMODEM-1K");
    private static final Pattern STAGED = Pattern.compile("D4: staged v(\\d+)\\.(\\d+), rebooting");
    /** What the reference D4 application prints when a download fails (fixtures/firmware/app/update_d4.c). */
    static final List<Pattern> FAILURES = List.of(Pattern.compile("D4: (OTA image rejected|download failed|KV full)"));

    /**
     * The D4 application erases at most one 2 KiB page (about 25 ms) before it acknowledges a block, so a block
     * not acknowledged within 2 s, three times over, means the receiver is gone (a power cut): give up in
     * seconds, not after the defaults' ten 10-second retries.
     */
    private static final YmodemOptions SENDER = YmodemOptions.defaults()
            .withBlockAckTimeout(Duration.ofSeconds(2)).withMaxRetries(3);

    @Override
    public String protocol() {
        return "tobudos";
    }

    @Override
    public void update(Board board, BoardStrategy strategy, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        strategy.transition(BoardState.APP_RUNNING);
        ConsoleMatch banner = strategy.lastBanner().orElseThrow(() -> new ProtocolException("board " + board.id()
                + ": no application banner seen, so the OTA header's old version is unknown; power the board on"
                + " through its strategy first"));
        FirmwareImage running = runningImage(board.firmware(), banner.group(1) + "." + banner.group(2));
        strategy.invalidate();
        transfer(board, running, image, deadline, progress);
    }

    /**
     * D4 never waits in a bootloader: the application downloads. This sends the image to the running
     * application, taking it to be the rig file's provisioned {@code firmware.app}.
     */
    @Override
    public void resume(Board board, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        transfer(board, board.firmware().app(), image, deadline, progress);
    }

    /**
     * The image of the running version among the profile's images: the OTA header carries its version, size
     * and CRC-8 ({@code old_version}, {@code old_size}, {@code old_crc}).
     */
    static FirmwareImage runningImage(FirmwareProfile fw, String version) {
        List<FirmwareImage> known = new ArrayList<>(List.of(fw.app(), fw.update()));
        fw.variants().values().stream().filter(v -> !v.isBootloader()).forEach(known::add);
        return known.stream().filter(i -> i.version().equals(version)).findFirst()
                .orElseThrow(() -> new ProtocolException("application v" + version + " is running, but the rig file"
                        + " has no image of it for the OTA header's old version and CRC; provision firmware.app first"
                        + " or add v" + version + " to firmware.variants"));
    }

    /** The bytes sent: header for {@code running} → {@code target}, then the patch from one to the other. */
    static byte[] otaImage(FirmwareImage running, FirmwareImage target) {
        int[] from = version(running);
        int[] to = version(target);
        return OtaImage.of(to[0], to[1], Images.bytes(target), from[0], from[1], Images.bytes(running)).encode();
    }

    private static int[] version(FirmwareImage image) {
        String[] parts = image.version().split("\\.");
        if (parts.length != 2) {
            throw new ProtocolException("version '" + image.version() + "' of " + image.manifest()
                    + " is not major.minor; the D4 OTA header needs both");
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    private static void transfer(Board board, FirmwareImage running, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        Duration boot = board.resource().timing().bootTimeout();
        byte[] ota = otaImage(running, image);
        board.console().skipPending();
        // a lone CR first ends any partial line the application holds, so the command is read on its own
        if (board.firmware().entryCommand() == null) {
            throw new dev.brickproof.rig.RigConfigurationException("(rig file)", "boards[id=" + board.id()
                    + "].firmware.entryCommand", "the D4 application starts its YMODEM receiver on a command, but none"
                    + " is given", "add e.g. entryCommand: \"ota\\r\"");
        }
        board.console().send("\r" + board.firmware().entryCommand());
        board.console().expect(RECEIVER, deadline.within(boot, "the D4 application's YMODEM receiver"));
        FailureWatch failures = FailureWatch.of(board.firmware(), FAILURES);
        failures.during(board.console(), () -> new YmodemSender(board.console().link(), SENDER, progress)
                .send(image.file().getFileName().toString().replaceFirst("\\.bin$", "") + ".ota", ota,
                        deadline));
        ConsoleMatch result = failures.expectSuccess(board.console(), STAGED,
                deadline.within(boot, "the D4 application's check of the OTA image"));
        String staged = result.group(1) + "." + result.group(2);
        if (!image.version().equals(staged)) {
            throw new ProtocolException("the D4 application did not stage " + image.label() + ": '" + result.line()
                    + "'; see the console transcript");
        }
    }

    /** Registers {@code tobudos} (META-INF/services). */
    public static final class Provider implements UpdateDriverProvider {
        @Override
        public String protocol() {
            return "tobudos";
        }

        @Override
        public UpdateDriver create(ProtocolOptions options) {
            return new TobudosOtaUpdate();
        }
    }
}
