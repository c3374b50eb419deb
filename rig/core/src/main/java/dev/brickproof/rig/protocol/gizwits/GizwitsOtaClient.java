package dev.brickproof.rig.protocol.gizwits;

import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.DeviceChannel;
import dev.brickproof.rig.protocol.FrameCorruptedException;
import dev.brickproof.rig.protocol.FrameTooLargeException;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.TransferAbortedException;
import dev.brickproof.rig.protocol.TransferProgress;
import dev.brickproof.rig.time.Deadline;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The Wi-Fi module's side of the Gizwits P0 "big data" OTA (design D5, fact sheet §6): 0x19 with size and
 * MD5 (32 hex characters), the MCU's 0x1A ack and 0x1B ready frame (which sets the piece size), then 0x1D
 * pieces numbered 1..count, each acknowledged with 0x1E. Unacknowledged frames are resent every
 * {@link GizwitsOtaOptions#resendInterval()} up to {@link GizwitsOtaOptions#retries()} times. A 0x27 from
 * the MCU (gap, bad MD5, ...) is acknowledged with 0x28 and ends the transfer with
 * {@link TransferAbortedException}; on our own failure we send 0x1F (module stops).
 */
public final class GizwitsOtaClient {
    private final DeviceChannel channel;
    private final GizwitsOtaOptions options;
    private final ProgressListener listener;
    private final GizwitsCodec codec;
    private final byte[] rx;
    private int rxLength;
    private int sn;
    private int resends;

    public GizwitsOtaClient(ByteLink link, GizwitsOtaOptions options, ProgressListener listener) {
        this.channel = new DeviceChannel(link);
        this.options = Objects.requireNonNull(options, "options");
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.codec = new GizwitsCodec(options.maxFrameLength());
        this.rx = new byte[2 * (options.maxFrameLength() + 2) + 16];
    }

    /** MD5 as 32 lower-case hex characters. */
    public static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** Payload of the 0x19 frame: size u32 BE, MD5 length u16 BE (32), MD5 text. */
    public static byte[] startPayload(byte[] image) {
        byte[] md5 = md5Hex(image).getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(6 + md5.length).putInt(image.length).putShort((short) md5.length).put(md5).array();
    }

    /**
     * Sends {@code image} to the MCU. Whatever the MCU answers, this returns or throws only
     * {@link RigTimeoutException} (no answer in time) or a {@link ProtocolException}
     * ({@link TransferAbortedException} for its 0x27, a ready frame it cannot use); link failures stay
     * {@link dev.brickproof.rig.LinkException}s.
     */
    public GizwitsOtaResult upload(byte[] image, Deadline deadline) {
        Objects.requireNonNull(image, "image");
        Duration started = channel.clock().now();
        String md5 = md5Hex(image);
        resends = 0;
        try {
            exchange(GizwitsFrame.OTA_START, startPayload(image), GizwitsFrame.OTA_START_ACK, "0x19 (OTA start)",
                    deadline);
            GizwitsFrame ready = await(GizwitsFrame.MCU_READY, -1,
                    deadline.within(options.readyTimeout(), "the MCU's 0x1B ready frame"));
            send(new GizwitsFrame(GizwitsFrame.MCU_READY_ACK, ready.sn(), new byte[0]));
            int pieceSize = parseReady(ready, md5);
            int count = (image.length + pieceSize - 1) / pieceSize;
            listener.progress(new TransferProgress("gizwits ready", 0, image.length, 0, channel.since(started)));
            for (int piece = 1; piece <= count; piece++) {
                int offset = (piece - 1) * pieceSize;
                int length = Math.min(pieceSize, image.length - offset);
                byte[] payload = ByteBuffer.allocate(4 + length).putShort((short) piece).putShort((short) count)
                        .put(image, offset, length).array();
                if (piece == count && !options.lastPieceAcked()) {
                    send(new GizwitsFrame(GizwitsFrame.PIECE, nextSn(), payload)); // the MCU restarts, no ack
                } else {
                    exchange(GizwitsFrame.PIECE, payload, GizwitsFrame.PIECE_ACK, "piece " + piece + " of " + count,
                            deadline);
                }
                listener.progress(new TransferProgress("gizwits piece", offset + length, image.length, piece,
                        channel.since(started)));
            }
            if (!options.afterLastPiece().isZero() && options.lastPieceAcked()) {
                watchForAbort(deadline.within(options.afterLastPiece(), "a 0x27 abort after the last piece"));
            }
            return new GizwitsOtaResult(image.length, count, pieceSize, resends, md5, channel.since(started));
        } catch (RigTimeoutException | ProtocolException e) {
            if (!(e instanceof TransferAbortedException)) {
                stopQuietly();
            }
            throw e;
        }
    }

    private int parseReady(GizwitsFrame ready, String md5) {
        ByteBuffer p = ByteBuffer.wrap(ready.payload());
        if (p.remaining() < 4) {
            throw new ProtocolException("the MCU's 0x1B frame is too short (" + p.remaining() + " payload bytes); "
                    + channel.lastSaid());
        }
        int md5Length = p.getShort() & 0xFFFF;
        if (p.remaining() != md5Length + 2) {
            throw new ProtocolException("the MCU's 0x1B frame announces a " + md5Length + "-byte MD5 but carries "
                    + (p.remaining() - 2) + "; " + channel.lastSaid());
        }
        byte[] text = new byte[md5Length];
        p.get(text);
        String echoed = new String(text, StandardCharsets.US_ASCII);
        if (!echoed.equalsIgnoreCase(md5)) {
            throw new ProtocolException("the MCU is ready for MD5 " + echoed + " but we announced " + md5);
        }
        int pieceSize = p.getShort() & 0xFFFF;
        if (pieceSize == 0 || pieceSize + 9 > options.maxFrameLength()) {
            throw new ProtocolException("the MCU asked for an unusable piece size " + pieceSize);
        }
        return pieceSize;
    }

    /** Sends a frame and waits for its ack (same sn), resending as the SDK does. */
    private void exchange(int command, byte[] payload, int ackCommand, String what, Deadline deadline) {
        GizwitsFrame frame = new GizwitsFrame(command, nextSn(), payload);
        for (int attempt = 0; attempt <= options.retries(); attempt++) {
            if (attempt > 0) {
                resends++;
            }
            send(frame);
            GizwitsFrame ack = poll(ackCommand, frame.sn(), deadline.within(options.resendInterval(), "ack of " + what));
            if (ack != null) {
                return;
            }
            if (deadline.expired()) {
                throw channel.timeout(deadline);
            }
        }
        throw new RigTimeoutException(String.format("the MCU's 0x%02X ack of %s on %s", ackCommand, what,
                channel.link().name()), options.resendInterval().multipliedBy(options.retries() + 1L),
                channel.lastReceived() + " (" + (options.retries() + 1) + " sends, no ack)");
    }

    private GizwitsFrame await(int command, int sn, Deadline step) {
        GizwitsFrame f = poll(command, sn, step);
        if (f == null) {
            throw channel.timeout(step);
        }
        return f;
    }

    private void watchForAbort(Deadline step) {
        poll(-1, -1, step);
    }

    /** Next frame with {@code command} (and {@code sn} unless -1), handling MCU requests meanwhile; null on timeout. */
    private GizwitsFrame poll(int command, int wantedSn, Deadline step) {
        while (true) {
            GizwitsFrame f = nextFrame(step);
            if (f == null) {
                return null;
            }
            switch (f.command()) {
                case GizwitsFrame.MCU_ABORT -> {
                    send(new GizwitsFrame(GizwitsFrame.MCU_ABORT_ACK, f.sn(), new byte[0]));
                    throw new TransferAbortedException("the MCU aborted the OTA (0x27); " + channel.lastSaid());
                }
                case GizwitsFrame.REBOOT_MODULE -> send(new GizwitsFrame(GizwitsFrame.REBOOT_MODULE_ACK, f.sn(),
                        new byte[0]));
                default -> {
                    if (f.command() == command && (wantedSn < 0 || f.sn() == wantedSn)) {
                        return f;
                    }
                    // a late ack of an earlier send, or an unrelated frame: ignore
                }
            }
        }
    }

    private GizwitsFrame nextFrame(Deadline step) {
        while (true) {
            if (rxLength > 0) {
                try {
                    GizwitsCodec.Decoded d = codec.decode(rx, 0, rxLength);
                    if (d instanceof GizwitsCodec.Frame frame) {
                        drop(frame.consumed());
                        return frame.frame();
                    }
                } catch (FrameCorruptedException e) {
                    drop(e.skip());
                    continue;
                } catch (FrameTooLargeException e) {
                    drop(e.skip());
                    continue;
                }
            }
            if (rxLength == rx.length) {
                drop(1);
            }
            int b = channel.poll(step); // byte by byte: never take console text that follows a frame
            if (b < 0) {
                return null;
            }
            rx[rxLength++] = (byte) b;
        }
    }

    private void drop(int n) {
        int k = Math.min(n, rxLength);
        System.arraycopy(rx, k, rx, 0, rxLength - k);
        rxLength -= k;
    }

    private void send(GizwitsFrame frame) {
        channel.write(codec.encode(frame));
    }

    private int nextSn() {
        sn = (sn + 1) & 0xFF;
        return sn;
    }

    /** Tells the MCU we stop (0x1F); best effort. */
    private void stopQuietly() {
        try {
            send(new GizwitsFrame(GizwitsFrame.MODULE_STOP, nextSn(), new byte[0]));
        } catch (RuntimeException ignored) {
            // the original failure matters more
        }
    }
}
