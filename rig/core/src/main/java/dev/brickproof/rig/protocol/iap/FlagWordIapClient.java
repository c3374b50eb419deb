package dev.brickproof.rig.protocol.iap;

import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.DeviceChannel;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.TransferProgress;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Host side of design D1, the flag-word IAP with page-count erase: {@code FF <pages> AA}, wait while the
 * bootloader erases, then the raw .bin. The board must already be in update mode (flag erased); set
 * {@link FlagWordIapOptions#readyPattern()} to wait for its prompt first.
 *
 * <pre>{@code
 * IapResult r = new FlagWordIapClient(link, FlagWordIapOptions.defaults(), listener)
 *         .upload(image, clock.deadlineAfter(Duration.ofSeconds(20), "D1 update"));
 * }</pre>
 */
public final class FlagWordIapClient {
    /** Longest wait for the rest of a prompt line (the bootloader reads the UART only after printing it). */
    static final Duration LINE_END = Duration.ofMillis(200);
    private final DeviceChannel channel;
    private final FlagWordIapOptions options;
    private final ProgressListener listener;

    public FlagWordIapClient(ByteLink link, FlagWordIapOptions options, ProgressListener listener) {
        this.channel = new DeviceChannel(link);
        this.options = Objects.requireNonNull(options, "options");
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    /** Pages the request asks for: ceil(size / pageSize). */
    public int pagesFor(int imageSize) {
        return (imageSize + options.pageSize() - 1) / options.pageSize();
    }

    /** The erase request {@code FF <pages> AA}. */
    public static byte[] eraseRequest(int pages) {
        if (pages < 1 || pages > 255) {
            throw new IllegalArgumentException("the D1 request carries 1..255 pages, not " + pages);
        }
        return new byte[] {(byte) 0xFF, (byte) pages, (byte) 0xAA};
    }

    public IapResult upload(byte[] image, Deadline deadline) {
        Objects.requireNonNull(image, "image");
        if (image.length == 0) {
            throw new IllegalArgumentException("empty image");
        }
        int pages = pagesFor(image.length);
        if (pages > options.maxPages()) {
            throw new IllegalArgumentException("a " + image.length + "-byte image needs " + pages
                    + " pages; the D1 bootloader accepts at most " + options.maxPages());
        }
        Duration started = channel.clock().now();
        if (options.readyPattern() != null) {
            channel.awaitLine(options.readyPattern(),
                    deadline.within(options.readyTimeout(), "the D1 update-mode prompt"), LINE_END);
        }
        channel.discardInput();
        channel.write(eraseRequest(pages));
        listener.progress(new TransferProgress("D1 erase " + pages + " pages", 0, image.length, 0,
                channel.since(started)));
        if (options.eraseDone() != null) {
            Matcher m = channel.awaitLine(options.eraseDone(),
                    deadline.within(options.eraseTimeout(), "the D1 bootloader to erase " + pages + " pages"), LINE_END);
            if (m.groupCount() >= 1 && m.group(1) != null && Integer.parseInt(m.group(1)) != pages) {
                throw new ProtocolException("asked the D1 bootloader to erase " + pages + " pages, it said '"
                        + m.group() + "'; " + channel.lastSaid());
            }
        } else {
            Duration erase = options.erasePerPage().multipliedBy(pages).plusMillis(50);
            Duration left = deadline.remaining();
            channel.clock().pause(erase.compareTo(left) < 0 ? erase : left);
            if (deadline.expired()) {
                throw channel.timeout(deadline);
            }
        }
        RawImageStreamer.stream(channel, image, options.pacing(), deadline, listener, "D1 image", started);
        long confirmed = -1;
        String text = "";
        if (options.done() != null) {
            Matcher m = channel.awaitText(options.done(),
                    deadline.within(options.doneTimeout(), "the D1 bootloader to confirm the image"));
            text = m.group();
            if (m.groupCount() >= 1 && m.group(1) != null) {
                confirmed = Long.parseLong(m.group(1));
                if (confirmed != image.length) {
                    throw new ProtocolException("sent " + image.length + " bytes, the D1 bootloader says it received "
                            + confirmed + " ('" + text + "'); " + channel.lastSaid());
                }
            }
        }
        listener.progress(new TransferProgress("D1 done", image.length, image.length, pages,
                channel.since(started)));
        return new IapResult(image.length, confirmed, channel.since(started), text);
    }
}
