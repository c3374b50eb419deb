package dev.brickproof.rig.update.plugin;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.ymodem.YmodemSender;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.time.Deadline;
import dev.brickproof.rig.update.ProtocolOptions;
import dev.brickproof.rig.update.UpdateDriver;
import dev.brickproof.rig.update.UpdateDriverProvider;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A protocol written outside Brickproof, as a user's jar would add one: a menu-driven YMODEM loader whose
 * download key comes from {@code firmware.options.downloadKey}. Only the plugin test's jar declares it.
 */
public final class AcmeMenuUpdate implements UpdateDriver {
    /** Transfers finished by any instance; lets the test see that this class did the work. */
    public static final AtomicInteger TRANSFERS = new AtomicInteger();
    private static final Pattern MENU = Pattern.compile("Execute the loaded application");
    private final String downloadKey;
    private final Pattern success;

    AcmeMenuUpdate(ProtocolOptions options) {
        this.downloadKey = options.text("downloadKey").orElse("1");
        this.success = options.pattern("success").orElse(Pattern.compile("completed successfully"));
    }

    @Override
    public String protocol() {
        return "acme-menu";
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
        Duration boot = board.resource().timing().bootTimeout();
        board.console().expect(MENU, deadline.within(boot, "the menu"));
        board.console().send(downloadKey);
        try {
            byte[] data = java.nio.file.Files.readAllBytes(image.file());
            new YmodemSender(board.console().link(), progress).send("image.bin", data, deadline);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String verdict = board.console().expect(Pattern.compile("IAP: .*(" + success.pattern() + "|fail.*)"),
                deadline.within(boot, "the loader's verdict")).line();
        if (!success.matcher(verdict).find()) {
            throw new ProtocolException("acme loader refused the image: " + verdict);
        }
        board.console().expect(MENU, deadline.within(boot, "the menu after the download"));
        board.console().send("3");
        TRANSFERS.incrementAndGet();
    }

    /** The provider the test's jar names in META-INF/services. */
    public static final class Provider implements UpdateDriverProvider {
        @Override
        public String protocol() {
            return "acme-menu";
        }

        @Override
        public UpdateDriver create(ProtocolOptions options) {
            return new AcmeMenuUpdate(options);
        }
    }
}
