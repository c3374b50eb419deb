package dev.brickproof.firmware;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** Minimal host ends of the fixture protocols (test-only; the rig has its own codecs). */
final class HostSide {
    static final int SOH = 0x01, STX = 0x02, EOT = 0x04, ACK = 0x06, NAK = 0x15, CAN = 0x18, C = 'C';

    private HostSide() { }

    static int crc8(byte[] data, int crc) {
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    static int crc16(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }

    // ---------------------------------------------------------------- YMODEM-1K sender

    static byte[] ymodemPacket(int n, byte[] payload, int size) {
        byte[] data = Arrays.copyOf(payload, size);
        Arrays.fill(data, payload.length, size, n == 0 ? (byte) 0 : (byte) 0x1A);
        int crc = crc16(data);
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(size == 1024 ? STX : SOH);
        p.write(n & 0xFF);
        p.write(0xFF - (n & 0xFF));
        p.writeBytes(data);
        p.write(crc >> 8);
        p.write(crc & 0xFF);
        return p.toByteArray();
    }

    /** Sends one file as a YMODEM batch; throws AssertionError on a protocol failure or timeout. */
    static void ymodemSend(Bench b, String name, byte[] file) {
        Bench.Reader r = b.reader();
        Duration t = Duration.ofSeconds(15);
        check(r.expect(Duration.ofSeconds(5), C) == C, "no 'C' from the receiver");
        byte[] hdr = (name + "\0" + file.length + " 0 100644").getBytes(StandardCharsets.ISO_8859_1);
        sendAcked(b, r, ymodemPacket(0, hdr, 128), t);
        check(r.expect(t, C) == C, "no 'C' after the header");
        for (int off = 0, n = 1; off < file.length; off += 1024, n++) {
            sendAcked(b, r, ymodemPacket(n, Arrays.copyOfRange(file, off, Math.min(file.length, off + 1024)), 1024), t);
        }
        b.send(new byte[] {EOT});
        check(r.expect(t, ACK, NAK) == ACK, "EOT not ACKed");
        check(r.expect(Duration.ofSeconds(5), C) == C, "no 'C' after EOT");
        sendAcked(b, r, ymodemPacket(0, new byte[0], 128), t);
    }

    private static void sendAcked(Bench b, Bench.Reader r, byte[] packet, Duration t) {
        for (int i = 0; i < 10; i++) {
            b.send(packet);
            int c = r.expect(t, ACK, NAK, CAN);
            if (c == ACK) {
                return;
            }
            check(c == NAK, "receiver answered " + c);
        }
        throw new AssertionError("too many NAKs");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("ymodem: " + what);
        }
    }

    // ---------------------------------------------------------------- Gizwits P0 (module side)

    static byte[] p0Frame(int cmd, int sn, byte[] payload) {
        int len = 5 + payload.length;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(len >> 8);
        body.write(len & 0xFF);
        body.write(cmd);
        body.write(sn);
        body.write(0);
        body.write(0);
        body.writeBytes(payload);
        int sum = 0;
        for (byte x : body.toByteArray()) {
            sum += x & 0xFF;
        }
        body.write(sum & 0xFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xFF);
        for (byte x : body.toByteArray()) {
            out.write(x);
            if ((x & 0xFF) == 0xFF) {
                out.write(0x55);
            }
        }
        return out.toByteArray();
    }

    /** Reads one P0 frame from the MCU: {cmd, payload...}; null on timeout. */
    static byte[] p0Read(Bench.Reader r, Duration t) {
        int prev = -1;
        while (true) {
            int c = r.next(t);
            if (c < 0) {
                return null;
            }
            if (prev == 0xFF && c == 0xFF) {
                break;
            }
            prev = c;
        }
        int hi = p0Byte(r), lo = p0Byte(r);
        int len = hi << 8 | lo;
        byte[] body = new byte[len];
        int sum = hi + lo;
        for (int i = 0; i < len; i++) {
            body[i] = (byte) p0Byte(r);
            if (i < len - 1) {
                sum += body[i] & 0xFF;
            }
        }
        if ((sum & 0xFF) != (body[len - 1] & 0xFF)) {
            throw new AssertionError("P0: bad checksum");
        }
        byte[] res = new byte[len - 4];
        res[0] = body[0];
        System.arraycopy(body, 4, res, 1, len - 5);
        return res;
    }

    private static int p0Byte(Bench.Reader r) {
        int c = r.next(Duration.ofSeconds(1));
        if (c == 0xFF && r.next(Duration.ofSeconds(1)) != 0x55) {
            throw new AssertionError("P0: 0xFF not stuffed");
        }
        return c;
    }

    // ---------------------------------------------------------------- D4 OTA image

    /** 21-byte TencentOS header + the full new image (see fixtures/firmware/README.md). */
    static byte[] otaImage(byte[] img, int[] newVer, byte[] old, int[] oldVer) {
        int newCrc = crc8(img, 0), oldCrc = crc8(old, 0);
        ByteBuffer le = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        int crc = crc8(new byte[] {(byte) 0xDE, (byte) 0xBA}, 0);
        crc = crc8(new byte[] {(byte) newVer[0], (byte) newVer[1]}, crc);
        crc = crc8(new byte[] {(byte) oldVer[0], (byte) oldVer[1]}, crc);
        crc = crc8(new byte[] {(byte) newCrc}, crc);
        crc = crc8(le.putInt(0, img.length).array(), crc);
        crc = crc8(new byte[] {(byte) oldCrc}, crc);
        crc = crc8(le.putInt(0, old.length).array(), crc);
        crc = crc8(le.putInt(0, img.length).array(), crc);
        crc = crc8(img, crc);
        ByteBuffer h = ByteBuffer.allocate(21 + img.length).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort((short) 0xBADE).put((byte) newVer[0]).put((byte) newVer[1]).put((byte) oldVer[0]).put((byte) oldVer[1]);
        h.put((byte) newCrc).put((byte) oldCrc).put((byte) crc);
        h.putInt(img.length).putInt(old.length).putInt(img.length).put(img);
        return h.array();
    }
}
