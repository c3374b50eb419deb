package dev.brickproof.rig.protocol.xmodem;

import static dev.brickproof.rig.protocol.xmodem.XmodemCodec.ACK;
import static dev.brickproof.rig.protocol.xmodem.XmodemCodec.CAN;
import static dev.brickproof.rig.protocol.xmodem.XmodemCodec.CRC_REQUEST;
import static dev.brickproof.rig.protocol.xmodem.XmodemCodec.EOT;
import static dev.brickproof.rig.protocol.xmodem.XmodemCodec.NAK;
import static dev.brickproof.rig.protocol.xmodem.XmodemCodec.SOH;
import static dev.brickproof.rig.protocol.xmodem.XmodemCodec.STX;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.DeviceChannel;
import dev.brickproof.rig.protocol.TransferAbortedException;
import dev.brickproof.rig.protocol.xmodem.XmodemCodec.Check;
import dev.brickproof.rig.protocol.ymodem.Crc16Xmodem;
import dev.brickproof.rig.time.Deadline;
import java.io.ByteArrayOutputStream;
import java.time.Duration;

/**
 * An XMODEM receiver as a bootloader is one (for tests and bench peers): asks with 'C' (CRC-16) or NAK
 * (checksum) every {@code requestInterval} until the first block, ACKs good blocks, NAKs bad ones, ACKs and
 * drops a repeated block, cancels (CAN CAN) after {@code maxErrors} bad blocks in a row or a block out of
 * sequence, and ACKs EOT. Returns the data with the last block's padding (XMODEM carries no size).
 */
public final class XmodemReceiver {
    private final DeviceChannel channel;
    private final Check check;
    private final Duration requestInterval;
    private final int maxErrors;

    public XmodemReceiver(ByteLink link, Check check, Duration requestInterval, int maxErrors) {
        this.channel = new DeviceChannel(link);
        this.check = check;
        this.requestInterval = requestInterval;
        this.maxErrors = maxErrors;
    }

    public byte[] receive(Deadline deadline) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int request = check == Check.CRC16 ? CRC_REQUEST : NAK;
        int expected = 1;
        int errors = 0;
        int first;
        do {
            channel.write(request);
            first = channel.poll(deadline.within(requestInterval, "the sender's first block"));
        } while (first < 0 && !deadline.expired());
        for (int b = first; ; b = channel.poll(deadline.within(Duration.ofSeconds(10), "the next block"))) {
            if (b < 0) {
                throw channel.timeout(deadline);
            }
            if (b == EOT) {
                channel.write(ACK);
                return data.toByteArray();
            }
            if (b == CAN) {
                throw new TransferAbortedException("the XMODEM sender cancelled; " + channel.lastSaid());
            }
            if (b != SOH && b != STX) {
                continue; // line noise between blocks
            }
            int size = b == STX ? 1024 : 128;
            byte[] rest = channel.readExactly(2 + size + check.bytes(), deadline);
            int number = rest[0] & 0xFF;
            boolean good = (number ^ (rest[1] & 0xFF)) == 0xFF && checks(rest, size);
            if (good && number == ((expected - 1) & 0xFF)) {
                channel.write(ACK); // the sender missed our ACK: acknowledge the repeat, keep one copy
            } else if (good && number == (expected & 0xFF)) {
                data.write(rest, 2, size);
                expected++;
                errors = 0;
                channel.write(ACK);
            } else if (good || ++errors >= maxErrors) {
                channel.write(new byte[] {CAN, CAN});
                throw new TransferAbortedException("XMODEM block " + number + " out of sequence or " + errors
                        + " bad blocks; expected block " + (expected & 0xFF));
            } else {
                channel.discardInput();
                channel.write(NAK);
            }
        }
    }

    private boolean checks(byte[] rest, int size) {
        if (check == Check.CRC16) {
            int crc = ((rest[2 + size] & 0xFF) << 8) | (rest[3 + size] & 0xFF);
            return crc == Crc16Xmodem.of(rest, 2, size);
        }
        int sum = 0;
        for (int i = 2; i < 2 + size; i++) {
            sum += rest[i] & 0xFF;
        }
        return (sum & 0xFF) == (rest[2 + size] & 0xFF);
    }
}
