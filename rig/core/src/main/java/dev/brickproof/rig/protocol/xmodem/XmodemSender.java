package dev.brickproof.rig.protocol.xmodem;

import static dev.brickproof.rig.protocol.xmodem.XmodemCodec.ACK;
import static dev.brickproof.rig.protocol.xmodem.XmodemCodec.CAN;
import static dev.brickproof.rig.protocol.xmodem.XmodemCodec.CRC_REQUEST;
import static dev.brickproof.rig.protocol.xmodem.XmodemCodec.EOT;
import static dev.brickproof.rig.protocol.xmodem.XmodemCodec.NAK;

import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.DeviceChannel;
import dev.brickproof.rig.protocol.DeviceRejectedException;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.TransferAbortedException;
import dev.brickproof.rig.protocol.TransferProgress;
import dev.brickproof.rig.protocol.xmodem.XmodemCodec.Check;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.Objects;

/**
 * XMODEM sender (128-byte and 1K blocks, CRC-16 or checksum), receiver-driven as in lrzsz {@code sx}: the
 * receiver's first 'C' asks for CRC-16, its first NAK for the 8-bit checksum; blocks are numbered from 1;
 * NAK, 'C' or a timeout resends a block (replies already queued are dropped first); EOT is repeated until
 * ACKed. Successful only when every block and the EOT are ACKed. Two CANs abort; when we give up we send
 * CAN CAN. Nothing waits past the caller's {@link Deadline}.
 */
public final class XmodemSender {
    private final DeviceChannel channel;
    private final XmodemOptions options;
    private final ProgressListener listener;
    private int resends;
    private long bytesDone;
    private long blocksDone;
    private long bytesTotal;
    private Duration started;

    public XmodemSender(ByteLink link, XmodemOptions options, ProgressListener listener) {
        this.channel = new DeviceChannel(link);
        this.options = Objects.requireNonNull(options, "options");
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    public XmodemResult send(byte[] data, Deadline deadline) {
        started = channel.clock().now();
        resends = 0;
        bytesDone = 0;
        blocksDone = 0;
        bytesTotal = data.length;
        Check check = awaitStart(deadline);
        report("start");
        int number = 1;
        for (int offset = 0; offset < data.length; number++) {
            int remaining = data.length - offset;
            int size = remaining <= 128 ? 128 : options.blockSize();
            int length = Math.min(size, remaining);
            byte[] packet = XmodemCodec.encodeBlock(number, data, offset, length, size, check);
            sendUntilAcked(packet, "block " + number, deadline);
            offset += length;
            bytesDone += length;
            blocksDone++;
            report("data");
        }
        sendUntilAcked(new byte[] {EOT}, "EOT", deadline);
        report("done");
        return new XmodemResult(bytesDone, blocksDone, resends, check, channel.since(started));
    }

    /** The receiver's first request: 'C' for CRC-16, NAK for the checksum. */
    private Check awaitStart(Deadline deadline) {
        Deadline step = deadline.within(options.startTimeout(), "'C' or NAK from the XMODEM receiver");
        int last = -1;
        while (true) {
            int b = channel.poll(step);
            if (b < 0) {
                throw channel.timeout(step);
            }
            if (b == CRC_REQUEST || b == NAK) {
                dropQueued(); // a bootloader repeats its request: the extra ones are no answers
                return b == CRC_REQUEST ? Check.CRC16 : Check.CHECKSUM;
            }
            if (b == CAN && last == CAN) {
                throw aborted("while waiting for 'C' or NAK");
            }
            last = b;
        }
    }

    private void dropQueued() {
        channel.discardInput();
    }

    private void sendUntilAcked(byte[] packet, String what, Deadline deadline) {
        int naks = 0;
        int timeouts = 0;
        for (int attempt = 0; attempt <= options.maxRetries(); attempt++) {
            if (attempt > 0) {
                if (packet.length > 1) {
                    resends++;
                }
                dropQueued();
            }
            if (!options.turnaround().isZero()) {
                channel.clock().pause(options.turnaround());
            }
            channel.write(packet);
            Deadline step = deadline.within(options.blockAckTimeout(), "ACK for " + what);
            int last = -1;
            while (true) {
                int b = channel.poll(step);
                if (b < 0) {
                    if (deadline.expired()) {
                        cancel();
                        throw new RigTimeoutException(step.awaited() + " (the deadline of the " + deadline.awaited()
                                + " passed) on " + channel.link().name(), deadline.budget(), channel.lastReceived());
                    }
                    timeouts++;
                    break;
                }
                if (b == ACK) {
                    return;
                }
                if (b == NAK || b == CRC_REQUEST) {
                    naks++;
                    break;
                }
                if (b == CAN && last == CAN) {
                    throw aborted("while waiting for the ACK of " + what);
                }
                last = b;
            }
        }
        cancel();
        if (naks == 0) {
            throw new RigTimeoutException("ACK for " + what + " on " + channel.link().name(), options.blockAckTimeout(),
                    channel.lastReceived() + " (" + (options.maxRetries() + 1) + " tries, all timed out)");
        }
        throw new DeviceRejectedException(what + " not acknowledged after " + (options.maxRetries() + 1) + " tries ("
                + naks + " NAK, " + timeouts + " timeouts of " + options.blockAckTimeout().toMillis() + " ms); "
                + channel.lastSaid());
    }

    private void cancel() {
        try {
            channel.write(new byte[] {CAN, CAN});
        } catch (RuntimeException ignored) {
            // the link may be gone; the original failure matters more
        }
    }

    private TransferAbortedException aborted(String when) {
        return new TransferAbortedException("the receiver cancelled the XMODEM transfer (CAN CAN) " + when + " after "
                + bytesDone + " of " + bytesTotal + " bytes; " + channel.lastSaid());
    }

    private void report(String phase) {
        listener.progress(new TransferProgress("xmodem " + phase, bytesDone, bytesTotal, blocksDone,
                channel.since(started)));
    }
}
