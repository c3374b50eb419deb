package dev.brickproof.rig.update;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.FrameCorruptedException;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.gizwits.GizwitsCodec;
import dev.brickproof.rig.protocol.gizwits.GizwitsFrame;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/**
 * The {@code gizwits-p0} driver against a scripted seed-004 MCU on a pty: no prompt and no text command (it
 * takes 0x19 in its main loop at any time), every piece but the last ACKed; after the last one it checks the
 * MD5, "writes its flag" and restarts, so the bootloader's banner is the only answer.
 */
public class GizwitsSeedTest {
    private static final GizwitsCodec CODEC = new GizwitsCodec();
    private static final int PIECE = 256;

    private static GizwitsFrame readFrame(ByteLink dev) {
        byte[] buf = new byte[2048];
        int have = 0;
        while (true) {
            int n = dev.read(buf, have, 1, Duration.ofSeconds(3));
            if (n == 0) {
                throw new IllegalStateException("the host sent no frame");
            }
            have += n;
            try {
                if (CODEC.decode(buf, 0, have) instanceof GizwitsCodec.Frame f) {
                    return f.frame();
                }
            } catch (FrameCorruptedException e) {
                have = 0;
            }
        }
    }

    /** The seed-004 MCU; returns what it stored when the MD5 matched, or null. */
    private static byte[] mcu(ByteLink dev, String bootBanner) throws Exception {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        String md5 = null;
        while (true) {
            GizwitsFrame f = readFrame(dev);
            if (f.command() == GizwitsFrame.OTA_START) {
                ByteBuffer p = ByteBuffer.wrap(f.payload());
                p.getInt();
                byte[] text = new byte[p.getShort()];
                p.get(text);
                md5 = new String(text, StandardCharsets.US_ASCII);
                dev.write(CODEC.encode(new GizwitsFrame(GizwitsFrame.OTA_START_ACK, f.sn(), new byte[0])));
                dev.write(CODEC.encode(new GizwitsFrame(GizwitsFrame.MCU_READY, 1, ByteBuffer.allocate(4 + text.length)
                        .putShort((short) text.length).put(text).putShort((short) PIECE).array())));
            } else if (f.command() == GizwitsFrame.PIECE) {
                ByteBuffer p = ByteBuffer.wrap(f.payload());
                int piece = p.getShort();
                int count = p.getShort();
                stored.write(f.payload(), 4, f.payload().length - 4);
                if (piece < count) {
                    dev.write(CODEC.encode(new GizwitsFrame(GizwitsFrame.PIECE_ACK, f.sn(), new byte[0])));
                    continue;
                }
                byte[] image = stored.toByteArray();
                String got = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(image));
                dev.write(("\r\n" + bootBanner + "\r\n").getBytes(StandardCharsets.ISO_8859_1)); // restarted, no ACK
                return got.equals(md5) ? image : null;
            }
        }
    }

    @Test
    public void aSeed004McuWithoutPromptOrCommandIsUpdatedAndItsBootBannerIsTheSuccessSignal() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (PtyBoard b = new PtyBoard("f103-d5", fw -> new FirmwareProfile(fw.design(), fw.updateEntry(),
                fw.protocol(), fw.appBanner(), fw.bootBanner(), fw.bootloader(), fw.app(), fw.update(), fw.variants(),
                fw.pacing(), null, fw.provisionWrites(), Map.of("lastPieceAck", "none"), fw.failureMessages()))) {
            Future<byte[]> device = executor.submit(() -> mcu(b.pair.device, "brickproof D5 boot v1.0 (STM32F103C8)"));
            FirmwareImage v2 = b.board.firmware().update();

            UpdateDrivers.forFirmware(b.board.firmware()).resume(b.board, v2, UpdateDeadline.of(b.board, v2),
                    ProgressListener.NONE);

            assertThat(device.get(10, TimeUnit.SECONDS)).as("the MCU's MD5 check passed on the whole image")
                    .isEqualTo(Files.readAllBytes(v2.file()));
        } finally {
            executor.shutdownNow();
        }
    }
}
