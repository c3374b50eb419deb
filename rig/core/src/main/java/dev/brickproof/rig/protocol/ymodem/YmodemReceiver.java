package dev.brickproof.rig.protocol.ymodem;

import static dev.brickproof.rig.protocol.ymodem.YmodemCodec.ACK;
import static dev.brickproof.rig.protocol.ymodem.YmodemCodec.CAN;
import static dev.brickproof.rig.protocol.ymodem.YmodemCodec.CRC_REQUEST;
import static dev.brickproof.rig.protocol.ymodem.YmodemCodec.EOT;
import static dev.brickproof.rig.protocol.ymodem.YmodemCodec.NAK;

import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.DeviceChannel;
import dev.brickproof.rig.protocol.DeviceRejectedException;
import dev.brickproof.rig.protocol.FrameCorruptedException;
import dev.brickproof.rig.protocol.FrameTooLargeException;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.TransferAbortedException;
import dev.brickproof.rig.protocol.TransferProgress;
import dev.brickproof.rig.time.Deadline;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * YMODEM batch receiver (CRC-16, 128- and 1024-byte blocks): used for ST IAP "upload" (device to host)
 * and to prove the sender against lrzsz {@code sb}.
 *
 * <p>Sends 'C' every {@link YmodemOptions#requestInterval()} until block 0 arrives, ACKs duplicates,
 * NAKs corrupt or missing blocks, answers EOT per {@link YmodemOptions#eotStyle()}, truncates each file
 * to its announced size, and ends at the empty block 0. After {@link YmodemOptions#maxErrors()}
 * consecutive errors it sends CAN CAN and throws.
 *
 * <p>Block 0's size is the sender's claim, not a fact: a file announced above the receiver's maximum
 * ({@link #DEFAULT_MAX_FILE_SIZE} unless configured) is refused before anything is allocated for it, and a
 * sender that goes on sending blocks past the announced size (or past the maximum, when none was announced) is
 * stopped. Memory follows the bytes actually received.
 *
 * <p>What it throws, and nothing else for anything the sender says: {@link RigTimeoutException} (silence
 * beyond a deadline), {@link TransferAbortedException} (the sender's CAN CAN), {@link DeviceRejectedException}
 * (too many consecutive errors, or a batch without a file), {@link FrameTooLargeException} (a file above the
 * maximum, or longer than announced), {@link FrameCorruptedException} (a block 0 without a NUL after the
 * name); all are {@link dev.brickproof.rig.ProtocolException}s except the timeout. In each case but the
 * timeout the sender is told with CAN CAN.
 */
public final class YmodemReceiver {
    /** Largest file accepted unless configured: well above any STM32's flash (2 MiB). */
    public static final long DEFAULT_MAX_FILE_SIZE = 16L << 20;
    private static final Duration INTER_BYTE = Duration.ofSeconds(1);
    /** Most the receive buffer reserves up front, whatever block 0 announces. */
    private static final int INITIAL_BUFFER = 64 * 1024;
    private final DeviceChannel channel;
    private final YmodemOptions options;
    private final ProgressListener listener;
    private final long maxFileSize;
    private final byte[] frame = new byte[1029];
    private Duration started;
    private long bytesDone;
    private long blocksDone;

    /**
     * A receiver that refuses files above {@code maxFileSize} bytes ({@link FrameTooLargeException}, CAN CAN to
     * the sender).
     */
    public YmodemReceiver(ByteLink link, YmodemOptions options, ProgressListener listener, long maxFileSize) {
        if (maxFileSize < 0) {
            throw new IllegalArgumentException("maxFileSize must not be negative: " + maxFileSize);
        }
        this.channel = new DeviceChannel(link);
        this.options = Objects.requireNonNull(options, "options");
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.maxFileSize = maxFileSize;
    }

    public YmodemReceiver(ByteLink link, YmodemOptions options, ProgressListener listener) {
        this(link, options, listener, DEFAULT_MAX_FILE_SIZE);
    }

    public YmodemReceiver(ByteLink link, ProgressListener listener) {
        this(link, YmodemOptions.defaults(), listener);
    }

    /** Receives a whole batch (until the empty block 0). */
    public List<YmodemFile> receiveBatch(Deadline deadline) {
        started = channel.clock().now();
        bytesDone = 0;
        blocksDone = 0;
        List<YmodemFile> files = new ArrayList<>();
        while (true) {
            YmodemHeader header = awaitHeader(deadline, files.isEmpty());
            if (header.endOfBatch()) {
                report("done", 0);
                return files;
            }
            files.add(receiveFile(header, deadline));
        }
    }

    /** Receives a batch and returns its only (first) file. */
    public YmodemFile receive(Deadline deadline) {
        List<YmodemFile> files = receiveBatch(deadline);
        if (files.isEmpty()) {
            throw new DeviceRejectedException("the sender ended the YMODEM batch without a file; "
                    + channel.lastSaid());
        }
        return files.get(0);
    }

    private YmodemHeader awaitHeader(Deadline deadline, boolean firstFile) {
        int errors = 0;
        Deadline startWait = firstFile ? deadline.within(options.startTimeout(), "YMODEM block 0 from the sender")
                : deadline.within(options.blockAckTimeout().multipliedBy(2), "the next YMODEM block 0");
        while (true) {
            channel.write(CRC_REQUEST);
            Item item = readItem(deadline.within(options.requestInterval(), "YMODEM block 0"), deadline);
            switch (item.kind) {
                case PACKET -> {
                    if (item.number == 0) {
                        YmodemHeader header = parseHeader(item.data);
                        if (header.size() > maxFileSize) {
                            refuse("block 0 announces " + header.name() + " of " + header.size()
                                    + " bytes, above this receiver's maximum of " + maxFileSize + " bytes");
                        }
                        channel.write(ACK);
                        return header;
                    }
                    errors++;
                    channel.write(NAK);
                }
                case EOT -> channel.write(ACK); // a repeated EOT of the previous file
                case TIMEOUT -> {
                    if (startWait.expired()) {
                        throw channel.timeout(startWait);
                    }
                }
                case CORRUPT -> {
                    errors++;
                    channel.write(NAK);
                }
                default -> {
                }
            }
            if (errors > options.maxErrors()) {
                giveUp("no valid block 0 after " + errors + " errors");
            }
        }
    }

    private YmodemHeader parseHeader(byte[] block0) {
        try {
            return YmodemCodec.parseHeader(block0);
        } catch (FrameCorruptedException | FrameTooLargeException e) {
            cancelQuietly();
            throw e;
        }
    }

    private YmodemFile receiveFile(YmodemHeader header, Deadline deadline) {
        // the announced size is a claim: reserve at most INITIAL_BUFFER, grow with what really arrives
        long limit = header.size() >= 0 ? header.size() : maxFileSize;
        ByteArrayOutputStream data = new ByteArrayOutputStream((int) Math.min(INITIAL_BUFFER,
                Math.max(header.size(), 4096)));
        int expected = 1;
        int errors = 0;
        boolean eotSeen = false;
        channel.write(CRC_REQUEST);
        report("header " + header.name(), header.size());
        while (true) {
            Item item = readItem(deadline.within(options.blockAckTimeout(), "YMODEM block " + expected), deadline);
            switch (item.kind) {
                case PACKET -> {
                    eotSeen = false;
                    if (item.number == (expected & 0xFF)) {
                        if (data.size() >= Math.max(limit, 1)) {
                            refuse("the sender goes on after " + data.size() + " bytes of " + header.name() + " ("
                                    + (header.size() >= 0 ? "announced: " + header.size() + " bytes"
                                    : "no size announced; this receiver's maximum is " + maxFileSize + " bytes") + ")");
                        }
                        data.write(item.data, 0, item.data.length);
                        expected++;
                        errors = 0;
                        bytesDone += item.data.length;
                        blocksDone++;
                        channel.write(ACK);
                        report("data", header.size());
                    } else if (item.number == ((expected - 1) & 0xFF)) {
                        channel.write(ACK); // duplicate: our ACK was lost
                        if (expected == 1) {
                            channel.write(CRC_REQUEST); // a repeated block 0
                        }
                    } else {
                        errors++;
                        channel.write(NAK);
                    }
                }
                case EOT -> {
                    if (options.eotStyle() == YmodemOptions.EotStyle.NAK_THEN_ACK && !eotSeen) {
                        eotSeen = true;
                        channel.write(NAK);
                    } else {
                        channel.write(ACK);
                        byte[] bytes = data.toByteArray();
                        if (header.size() >= 0 && header.size() <= bytes.length) {
                            bytes = Arrays.copyOf(bytes, (int) header.size());
                        }
                        return new YmodemFile(header.name(), bytes, header.size());
                    }
                }
                case TIMEOUT, CORRUPT -> {
                    errors++;
                    channel.write(NAK);
                }
                default -> {
                }
            }
            if (errors > options.maxErrors()) {
                giveUp("block " + expected + " of " + header.name() + " failed " + errors + " times in a row");
            }
        }
    }

    private void giveUp(String why) {
        cancelQuietly();
        throw new DeviceRejectedException("YMODEM receive cancelled: " + why + " (" + bytesDone
                + " bytes received); " + channel.lastSaid());
    }

    private void refuse(String why) {
        cancelQuietly();
        throw new FrameTooLargeException("YMODEM receive cancelled: " + why + "; " + channel.lastSaid()
                + ". Fix: raise the receiver's maximum file size if the file is genuine", 1);
    }

    private void cancelQuietly() {
        try {
            channel.write(new byte[] {CAN, CAN});
        } catch (RuntimeException ignored) {
            // the original failure matters more
        }
    }

    private enum Kind { PACKET, EOT, TIMEOUT, CORRUPT, OTHER }

    private record Item(Kind kind, int number, byte[] data) {
        static Item of(Kind kind) {
            return new Item(kind, -1, null);
        }
    }

    private Item readItem(Deadline step, Deadline overall) {
        int first = channel.poll(step);
        if (first < 0) {
            if (overall.expired()) {
                throw channel.timeout(overall);
            }
            return Item.of(Kind.TIMEOUT);
        }
        if (first == EOT) {
            return Item.of(Kind.EOT);
        }
        if (first == CAN) {
            int second = channel.poll(overall.within(INTER_BYTE, "a second CAN"));
            if (second == CAN) {
                throw new TransferAbortedException("the sender cancelled the YMODEM transfer (CAN CAN) after "
                        + bytesDone + " bytes; " + channel.lastSaid());
            }
            return Item.of(Kind.OTHER);
        }
        if (first != YmodemCodec.SOH && first != YmodemCodec.STX) {
            return Item.of(Kind.OTHER);
        }
        frame[0] = (byte) first;
        int size = first == YmodemCodec.STX ? 1024 : 128;
        Deadline rest = overall.within(INTER_BYTE.multipliedBy(2), "the rest of a YMODEM block");
        byte[] body;
        try {
            body = channel.readExactly(size + 4, rest); // exactly one block: nothing after it is taken
        } catch (RigTimeoutException e) {
            if (overall.expired()) {
                throw channel.timeout(overall);
            }
            return Item.of(Kind.CORRUPT); // short block
        }
        System.arraycopy(body, 0, frame, 1, body.length);
        try {
            YmodemCodec.Decoded decoded = YmodemCodec.decode(frame, 0, size + 5);
            if (decoded instanceof YmodemCodec.Packet packet) {
                return new Item(Kind.PACKET, packet.number(), packet.data());
            }
            return Item.of(Kind.CORRUPT);
        } catch (FrameCorruptedException e) {
            purge(overall);
            return Item.of(Kind.CORRUPT);
        }
    }

    /** Drops bytes until the line has been quiet for a moment, so the NAK lands between blocks. */
    private void purge(Deadline overall) {
        while (channel.poll(overall.within(Duration.ofMillis(100), "quiet line")) >= 0) {
            if (overall.expired()) {
                throw new RigTimeoutException("a quiet line to resynchronise YMODEM on " + channel.link().name(),
                        overall.budget(), channel.lastReceived());
            }
        }
    }

    private void report(String phase, long total) {
        listener.progress(new TransferProgress("ymodem receive " + phase, bytesDone, Math.max(total, 0),
                blocksDone, channel.since(started)));
    }
}
