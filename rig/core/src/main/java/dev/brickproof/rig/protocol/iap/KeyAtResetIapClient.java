package dev.brickproof.rig.protocol.iap;

import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.driver.BootModeControl;
import dev.brickproof.rig.driver.ResetControl;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.DeviceChannel;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.TransferProgress;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Host side of design D3, key-at-reset IAP with an idle-timeout end: hold the update key through a reset,
 * wait for the bootloader's sign of life, stream the raw .bin with pacing, stay quiet so the idle timer ends
 * the image, then confirm. The key is always released (normal boot selected) before returning or throwing.
 */
public final class KeyAtResetIapClient {
    private final DeviceChannel channel;
    private final BootModeControl bootMode;
    private final ResetControl reset;
    private final KeyAtResetIapOptions options;
    private final ProgressListener listener;

    public KeyAtResetIapClient(ByteLink link, BootModeControl bootMode, ResetControl reset,
                               KeyAtResetIapOptions options, ProgressListener listener) {
        this.channel = new DeviceChannel(link);
        this.bootMode = Objects.requireNonNull(bootMode, "bootMode");
        this.reset = Objects.requireNonNull(reset, "reset");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    public IapResult upload(byte[] image, Deadline deadline) {
        Objects.requireNonNull(image, "image");
        if (image.length == 0) {
            throw new IllegalArgumentException("empty image");
        }
        Duration started = channel.clock().now();
        boolean released = false;
        try {
            channel.discardInput();
            bootMode.pressUpdateKey();
            reset.pulse();
            channel.awaitLine(options.ready(), deadline.within(options.readyTimeout(),
                    "the D3 bootloader's sign of life after a reset with the update key held"),
                    FlagWordIapClient.LINE_END);
            bootMode.selectNormalBoot(); // the key only matters at reset; the next reset must boot the app
            released = true;
            listener.progress(new TransferProgress("D3 IAP mode", 0, image.length, 0, channel.since(started)));
            RawImageStreamer.stream(channel, image, options.pacing(), deadline, listener, "D3 image", started);
            Duration lastByte = channel.clock().now();
            long confirmed = -1;
            String text = "";
            if (options.done() != null) {
                Matcher m = channel.awaitText(options.done(), deadline.within(options.doneTimeout(),
                        "the D3 bootloader to confirm the image after its idle timeout"));
                text = m.group();
                if (m.groupCount() >= 1 && m.group(1) != null) {
                    confirmed = Long.parseLong(m.group(1));
                    if (confirmed != image.length) {
                        throw new ProtocolException("sent " + image.length + " bytes, the D3 bootloader says it "
                                + "received " + confirmed + " ('" + text + "'): bytes were lost or the pacing gap "
                                + "ended the image early; " + channel.lastSaid());
                    }
                }
            }
            Duration quiet = lastByte.plus(options.idleEnd()).minus(channel.clock().now());
            if (!quiet.isNegative() && !quiet.isZero()) {
                channel.clock().pause(quiet);
            }
            if (options.resetAfter()) {
                reset.pulse();
                if (options.bootBanner() != null) {
                    text = channel.awaitText(options.bootBanner(),
                            deadline.within(options.bootTimeout(), "the new app's banner after the reset")).group();
                }
            }
            listener.progress(new TransferProgress("D3 done", image.length, image.length,
                    (image.length + options.pacing().chunkSize() - 1) / options.pacing().chunkSize(),
                    channel.since(started)));
            return new IapResult(image.length, confirmed, channel.since(started), text);
        } finally {
            if (!released) {
                bootMode.selectNormalBoot();
            }
        }
    }
}
