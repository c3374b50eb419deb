package dev.brickproof.rig.protocol.tobudos;

import dev.brickproof.rig.protocol.FrameCorruptedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The D4 OTA image the host sends with YMODEM-1K: the 21-byte TencentOS {@code ota_img_hdr_t} (little-endian,
 * packed) followed by the full new app binary ({@code fixtures/firmware/README.md}, "OTA image").
 * {@code patch_crc} is CRC-8 chained over magic, new_version, old_version, new_crc, new_size, old_crc,
 * old_size, patch_size (each as its little-endian bytes, in this order), then the image.
 */
public record OtaImage(int newMajor, int newMinor, int oldMajor, int oldMinor, int newCrc, int oldCrc, int patchCrc,
                       int newSize, int oldSize, int patchSize, byte[] image) {
    public static final int MAGIC = 0xBADE;
    public static final int HEADER_SIZE = 21;

    /** Builds the image for an update from {@code oldApp} (the running app) to {@code newApp}. */
    public static OtaImage of(int newMajor, int newMinor, byte[] newApp, int oldMajor, int oldMinor, byte[] oldApp) {
        int newCrc = Crc8.of(newApp);
        int oldCrc = Crc8.of(oldApp);
        int patchCrc = patchCrc(newMajor, newMinor, oldMajor, oldMinor, newCrc, newApp.length, oldCrc, oldApp.length,
                newApp.length, newApp);
        return new OtaImage(newMajor, newMinor, oldMajor, oldMinor, newCrc, oldCrc, patchCrc, newApp.length,
                oldApp.length, newApp.length, newApp.clone());
    }

    private static int patchCrc(int newMajor, int newMinor, int oldMajor, int oldMinor, int newCrc, int newSize,
                                int oldCrc, int oldSize, int patchSize, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(2 + 2 + 2 + 1 + 4 + 1 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) MAGIC).put((byte) newMajor).put((byte) newMinor).put((byte) oldMajor).put((byte) oldMinor)
                .put((byte) newCrc).putInt(newSize).put((byte) oldCrc).putInt(oldSize).putInt(patchSize);
        int crc = Crc8.update(0, b.array(), 0, b.capacity());
        return Crc8.update(crc, body, 0, body.length);
    }

    /** Header + image, as sent. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + image.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) MAGIC).put((byte) newMajor).put((byte) newMinor).put((byte) oldMajor).put((byte) oldMinor)
                .put((byte) newCrc).put((byte) oldCrc).put((byte) patchCrc).putInt(newSize).putInt(oldSize)
                .putInt(patchSize).put(image);
        return b.array();
    }

    /**
     * Parses and checks magic, sizes, new_crc and patch_crc (the robust bootloader's checks).
     *
     * @throws FrameCorruptedException for any bytes that are not such an image (nothing else)
     */
    public static OtaImage decode(byte[] bytes) {
        if (bytes.length < HEADER_SIZE) {
            throw new FrameCorruptedException("an OTA image needs a 21-byte header, got " + bytes.length, bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getShort() & 0xFFFF;
        if (magic != MAGIC) {
            throw new FrameCorruptedException(String.format("OTA image magic 0x%04X, expected 0xBADE", magic),
                    bytes.length);
        }
        int nMa = b.get() & 0xFF;
        int nMi = b.get() & 0xFF;
        int oMa = b.get() & 0xFF;
        int oMi = b.get() & 0xFF;
        int newCrc = b.get() & 0xFF;
        int oldCrc = b.get() & 0xFF;
        int patchCrc = b.get() & 0xFF;
        int newSize = b.getInt();
        int oldSize = b.getInt();
        int patchSize = b.getInt();
        if (patchSize != newSize || patchSize != bytes.length - HEADER_SIZE) {
            throw new FrameCorruptedException("OTA image sizes disagree: new " + newSize + ", patch " + patchSize
                    + ", body " + (bytes.length - HEADER_SIZE), bytes.length);
        }
        byte[] image = Arrays.copyOfRange(bytes, HEADER_SIZE, bytes.length);
        if (Crc8.of(image) != newCrc) {
            throw new FrameCorruptedException("OTA image new_crc does not match its body", bytes.length);
        }
        if (patchCrc(nMa, nMi, oMa, oMi, newCrc, newSize, oldCrc, oldSize, patchSize, image) != patchCrc) {
            throw new FrameCorruptedException("OTA image patch_crc does not match", bytes.length);
        }
        return new OtaImage(nMa, nMi, oMa, oMi, newCrc, oldCrc, patchCrc, newSize, oldSize, patchSize, image);
    }
}
