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
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.TransferAbortedException;
import dev.brickproof.rig.protocol.TransferProgress;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * YMODEM-1K batch sender (CRC-16), for ST-style IAP downloads and the D4 OTA download. It follows lrzsz
 * {@code sb}:
 * <ul>
 * <li>waits for 'C' (a stream of 'C's from an ST receiver is fine) and sends block 0;</li>
 * <li>after block 0's ACK, either 'C' or NAK from the receiver starts the data (lrzsz keeps the CRC mode
 *     chosen by the first 'C'); the wait is {@link YmodemOptions#headerAckTimeout()} while the device erases;</li>
 * <li>sends 1024-byte STX blocks (a 128-byte SOH block for a short tail); NAK, 'C' or a timeout resends the
 *     block, up to {@link YmodemOptions#maxRetries()}; before a resend, replies already queued are dropped so
 *     that a stale ACK or NAK is never taken for the answer to the next packet;</li>
 * <li>ends each file with EOT until it is ACKed (NAK-then-ACK and an immediate ACK both work), and the batch
 *     with an empty block 0 sent on the receiver's next 'C'/NAK.</li>
 * </ul>
 * The transfer counts as successful only when the receiver has ACKed every EOT and the end-of-batch block;
 * anything else throws. Two CANs from the device abort; when we give up we send CAN CAN. Nothing waits past
 * the caller's {@link Deadline}.
 */
public final class YmodemSender {
    private static final String END_BLOCK = "the end-of-batch block 0";
    private final DeviceChannel channel;
    private final YmodemOptions options;
    private final ProgressListener listener;
    private int resends;
    private long bytesDone;
    private long bytesTotal;
    private long blocksDone;
    private Duration started;

    public YmodemSender(ByteLink link, YmodemOptions options, ProgressListener listener) {
        this.channel = new DeviceChannel(link);
        this.options = Objects.requireNonNull(options, "options");
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    public YmodemSender(ByteLink link, ProgressListener listener) {
        this(link, YmodemOptions.defaults(), listener);
    }

    /** Sends one file as a batch of one. */
    public YmodemResult send(String name, byte[] data, Deadline deadline) {
        return sendBatch(List.of(new YmodemFile(name, data)), deadline);
    }

    public YmodemResult sendBatch(List<YmodemFile> files, Deadline deadline) {
        started = channel.clock().now();
        resends = 0;
        bytesDone = 0;
        blocksDone = 0;
        bytesTotal = files.stream().mapToLong(f -> f.data().length).sum();
        boolean first = true;
        for (YmodemFile file : files) {
            if (first) {
                awaitStart(deadline, options.startTimeout(), "'C' from the receiver before block 0 of " + file.name());
            } else {
                awaitRequest(deadline, options.headerAckTimeout(), "'C' or NAK for block 0 of " + file.name());
            }
            first = false;
            sendHeader(file, deadline);
            sendData(file.data(), deadline);
            sendEot(deadline);
        }
        endBatch(deadline);
        report("done");
        return new YmodemResult(bytesDone, blocksDone, resends, channel.since(started));
    }

    /** The first 'C' (YMODEM is CRC-only: a NAK here asks for checksums and is not an answer). */
    private void awaitStart(Deadline deadline, Duration budget, String what) {
        Deadline step = deadline.within(budget, what);
        int last = -1;
        while (true) {
            int b = channel.poll(step);
            if (b < 0) {
                throw channel.timeout(step);
            }
            if (b == CRC_REQUEST) {
                drainRepeatedRequests();
                return;
            }
            if (b == CAN && last == CAN) {
                throw aborted("while waiting for 'C'");
            }
            last = b;
        }
    }

    /**
     * The receiver's request for the next packet: 'C' or NAK (lrzsz {@code getnak}: both start the data; the
     * mode stays the one the first 'C' chose). Other bytes are ignored, CAN CAN aborts.
     */
    private void awaitRequest(Deadline deadline, Duration budget, String what) {
        Deadline step = deadline.within(budget, what);
        int last = -1;
        while (true) {
            int b = channel.poll(step);
            if (b < 0) {
                throw channel.timeout(step);
            }
            if (b == CRC_REQUEST || b == NAK) {
                return;
            }
            if (b == CAN && last == CAN) {
                throw aborted("while waiting for " + what);
            }
            last = b;
        }
    }

    /** An ST receiver sends 'C' every second while idle: drop any already queued so none is read as a reply. */
    private void drainRepeatedRequests() {
        while (channel.available() > 0) {
            channel.poll(Duration.ZERO);
        }
        channel.discardInput();
    }

    private void sendHeader(YmodemFile file, Deadline deadline) {
        byte[] header = YmodemCodec.encodeHeader(file.name(), file.data().length);
        report("header");
        sendWithRetries(header, "block 0 (" + file.name() + ")", options.headerAckTimeout(), deadline, true,
                options.maxRetries(), null);
        // after the header ACK the receiver asks for data with 'C' (ST IAP: after erasing) or NAK
        awaitRequest(deadline, options.headerAckTimeout(),
                "'C' or NAK after block 0 of " + file.name() + " (the device may be erasing)");
    }

    /**
     * Sends the data blocks. Between an ACK and the next block there is only the write: the next block is
     * encoded, and the ACKed one reported to the listener (which may be slow: Allure, a console), while the
     * receiver checks the block just sent.
     */
    private void sendData(byte[] data, Deadline deadline) {
        Blocks blocks = new Blocks(data);
        byte[] packet = blocks.next();
        boolean reportDue = false;
        while (packet != null) {
            int number = blocks.number();
            int length = blocks.length();
            byte[][] next = new byte[1][];
            boolean reportPrevious = reportDue;
            sendWithRetries(packet, "block " + number, options.blockAckTimeout(), deadline, false,
                    options.maxRetries(), () -> {
                        next[0] = blocks.next();
                        if (reportPrevious) {
                            report("data");
                        }
                    });
            bytesDone += length;
            blocksDone++;
            reportDue = true;
            packet = next[0];
        }
        if (reportDue) {
            report("data");
        }
    }

    /** The file cut into YMODEM-1K data blocks, encoded one at a time. */
    private final class Blocks {
        private final byte[] data;
        private int offset;
        private int number;
        private int length;
        private int pendingLength;

        Blocks(byte[] data) {
            this.data = data;
        }

        /** The next block's packet, or null after the last; {@link #number()}/{@link #length()} describe it. */
        byte[] next() {
            offset += pendingLength;
            if (offset >= data.length) {
                pendingLength = 0;
                return null;
            }
            int remaining = data.length - offset;
            int size = remaining <= options.smallBlockThreshold() ? 128 : 1024;
            pendingLength = Math.min(size, remaining);
            number++;
            return YmodemCodec.encodeBlock(number, data, offset, pendingLength, size, YmodemCodec.PAD);
        }

        int number() {
            return number;
        }

        int length() {
            return pendingLength;
        }
    }

    private void sendEot(Deadline deadline) {
        report("eot");
        sendWithRetries(new byte[] {EOT}, "EOT", options.blockAckTimeout(), deadline, false, options.maxRetries(),
                null);
    }

    /**
     * The empty block 0, ACKed: only then has the receiver taken the batch. It goes on the receiver's next
     * request, or after {@link YmodemOptions#endOfBatchWait()} without one (some receivers wait for it
     * silently). No CAN CAN when it is not ACKed: the device may already run the new image.
     */
    private void endBatch(Deadline deadline) {
        Deadline step = deadline.within(options.endOfBatchWait(), "'C' or NAK before the end-of-batch block");
        int last = -1;
        for (int b = channel.poll(step); b >= 0 && b != CRC_REQUEST && b != NAK; b = channel.poll(step)) {
            if (b == CAN && last == CAN) {
                throw aborted("before the end-of-batch block");
            }
            last = b;
        }
        report("end");
        sendWithRetries(YmodemCodec.encodeEndOfBatch(), END_BLOCK, options.blockAckTimeout(),
                deadline, false, options.maxRetries(), null);
    }

    /**
     * Sends {@code packet} until ACKed. While waiting for the header's ACK, 'C's are stale requests and are
     * ignored; afterwards a 'C' means the receiver timed out and wants the packet again (treated as NAK).
     * Before every resend, what the receiver has already queued is dropped: an answer to an earlier copy must
     * not be taken for the answer to this one.
     *
     * @param whileWaiting runs once, right after the first write, before the ACK is awaited (may be null)
     */
    private void sendWithRetries(byte[] packet, String what, Duration ackTimeout, Deadline deadline,
                                 boolean ignoreRequests, int maxRetries, Runnable whileWaiting) {
        int naks = 0;
        int timeouts = 0;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            if (attempt > 0) {
                if (packet.length > 1) {
                    resends++; // not the second EOT of the NAK-then-ACK ending, which the spec asks for
                }
                drainRepeatedRequests();
            }
            if (!options.turnaround().isZero()) {
                channel.clock().pause(options.turnaround());
            }
            channel.write(packet);
            if (whileWaiting != null) {
                whileWaiting.run();
                whileWaiting = null;
            }
            Deadline step = deadline.within(ackTimeout, "ACK for " + what);
            int last = -1;
            while (true) {
                int b = channel.poll(step);
                if (b < 0) {
                    if (deadline.expired()) {
                        if (!what.equals(END_BLOCK)) {
                            cancel();
                        }
                        throw new RigTimeoutException(step.awaited() + " (the deadline of the " + deadline.awaited()
                                + " passed) on " + channel.link().name(), deadline.budget(), channel.lastReceived());
                    }
                    timeouts++;
                    break;
                }
                if (b == ACK) {
                    return;
                }
                if (b == NAK || (b == CRC_REQUEST && !ignoreRequests)) {
                    // a receiver that timed out asks again with 'C' (lrzsz, ST IAP): resend
                    naks++;
                    break;
                }
                if (b == CAN && last == CAN) {
                    throw aborted("while waiting for the ACK of " + what);
                }
                last = b;
                // 'C' and line noise: keep waiting for ACK/NAK
            }
        }
        if (!what.equals(END_BLOCK)) {
            cancel();
        }
        String summary = what + " not acknowledged after " + (maxRetries + 1) + " tries (" + naks
                + " NAK, " + timeouts + " timeouts of " + ackTimeout.toMillis() + " ms); " + channel.lastSaid();
        if (naks == 0) {
            throw new RigTimeoutException("ACK for " + what + " on " + channel.link().name(), ackTimeout,
                    channel.lastReceived() + " (" + (maxRetries + 1) + " tries, all timed out)");
        }
        throw new DeviceRejectedException(summary);
    }

    /** Tells the receiver we give up: CAN CAN. */
    private void cancel() {
        try {
            channel.write(new byte[] {CAN, CAN});
        } catch (RuntimeException ignored) {
            // the link may be gone; the original failure matters more
        }
    }

    private TransferAbortedException aborted(String when) {
        return new TransferAbortedException("the receiver cancelled the YMODEM transfer (CAN CAN) " + when
                + " after " + bytesDone + " of " + bytesTotal + " bytes; " + channel.lastSaid());
    }

    private void report(String phase) {
        listener.progress(new TransferProgress("ymodem " + phase, bytesDone, bytesTotal, blocksDone,
                channel.since(started)));
    }
}
