package dev.brickproof.rig.protocol.tobudos;

import dev.brickproof.rig.protocol.FrameCorruptedException;
import dev.brickproof.rig.protocol.tobudos.patch.BlockPatch;
import dev.brickproof.rig.protocol.tobudos.patch.BlockPatchApplier;
import dev.brickproof.rig.protocol.tobudos.patch.PatchRejectedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The D4 OTA image the host sends with YMODEM-1K: the 21-byte TencentOS {@code ota_img_hdr_t} (little-endian,
 * packed) followed by a block patch from the running app to the new one ({@link BlockPatch}, 2 KiB blocks:
 * {@code fixtures/firmware/README.md}, "OTA image"). {@code patch_size} is the patch's size; {@code new_crc} and
 * {@code old_crc} are CRC-8s of the new and the old app; {@code patch_crc} is CRC-8 chained over magic,
 * new_version, old_version, new_crc, new_size, old_crc, old_size, patch_size (each as its little-endian bytes, in
 * this order), then the patch.
 */
public record OtaImage(int newMajor, int newMinor, int oldMajor, int oldMinor, int newCrc, int oldCrc, int patchCrc,
                       int newSize, int oldSize, int patchSize, byte[] patch) {
    public static final int MAGIC = 0xBADE;
    public static final int HEADER_SIZE = 21;

    /** Builds the image for an update from {@code oldApp} (the running app) to {@code newApp}: header + patch. */
    public static OtaImage of(int newMajor, int newMinor, byte[] newApp, int oldMajor, int oldMinor, byte[] oldApp) {
        return withPatch(newMajor, newMinor, newApp, oldMajor, oldMinor, oldApp, BlockPatch.forL431(oldApp, newApp).bytes());
    }

    /** The header for {@code patch} (which should take {@code oldApp} to {@code newApp}), CRCs computed. */
    public static OtaImage withPatch(int newMajor, int newMinor, byte[] newApp, int oldMajor, int oldMinor,
                                     byte[] oldApp, byte[] patch) {
        int newCrc = Crc8.of(newApp);
        int oldCrc = Crc8.of(oldApp);
        int patchCrc = patchCrc(newMajor, newMinor, oldMajor, oldMinor, newCrc, newApp.length, oldCrc, oldApp.length,
                patch.length, patch);
        return new OtaImage(newMajor, newMinor, oldMajor, oldMinor, newCrc, oldCrc, patchCrc, newApp.length,
                oldApp.length, patch.length, patch.clone());
    }

    private static int patchCrc(int newMajor, int newMinor, int oldMajor, int oldMinor, int newCrc, int newSize,
                                int oldCrc, int oldSize, int patchSize, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(2 + 2 + 2 + 1 + 4 + 1 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) MAGIC).put((byte) newMajor).put((byte) newMinor).put((byte) oldMajor).put((byte) oldMinor)
                .put((byte) newCrc).putInt(newSize).put((byte) oldCrc).putInt(oldSize).putInt(patchSize);
        int crc = Crc8.update(0, b.array(), 0, b.capacity());
        return Crc8.update(crc, body, 0, body.length);
    }

    /** Header + patch, as sent. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + patch.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) MAGIC).put((byte) newMajor).put((byte) newMinor).put((byte) oldMajor).put((byte) oldMinor)
                .put((byte) newCrc).put((byte) oldCrc).put((byte) patchCrc).putInt(newSize).putInt(oldSize)
                .putInt(patchSize).put(patch);
        return b.array();
    }

    /**
     * The new app this image makes of {@code oldApp} (the reference rebuild): refused when the old app is not the
     * one the header and the patch were built for, or when the result's CRC-8 is not {@code new_crc}.
     */
    public byte[] rebuild(byte[] oldApp) {
        if (oldApp.length != oldSize || Crc8.of(oldApp) != oldCrc) {
            throw new PatchRejectedException(String.format("the OTA image is for an old app of %d bytes with CRC-8"
                    + " 0x%02X, this one has %d bytes and 0x%02X", oldSize, oldCrc, oldApp.length, Crc8.of(oldApp)));
        }
        byte[] neu = BlockPatchApplier.apply(oldApp, patch);
        if (neu.length != newSize || Crc8.of(neu) != newCrc) {
            throw new PatchRejectedException("the rebuilt app does not match the header's new_size/new_crc");
        }
        return neu;
    }

    /** Parses and checks magic, sizes and patch_crc (what the D4 app checks before it stages the image). */
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
        if (patchSize != bytes.length - HEADER_SIZE) {
            throw new FrameCorruptedException("OTA image patch_size " + patchSize + " but the body has "
                    + (bytes.length - HEADER_SIZE) + " bytes", bytes.length);
        }
        byte[] patch = Arrays.copyOfRange(bytes, HEADER_SIZE, bytes.length);
        if (patchCrc(nMa, nMi, oMa, oMi, newCrc, newSize, oldCrc, oldSize, patchSize, patch) != patchCrc) {
            throw new FrameCorruptedException("OTA image patch_crc does not match", bytes.length);
        }
        return new OtaImage(nMa, nMi, oMa, oMi, newCrc, oldCrc, patchCrc, newSize, oldSize, patchSize, patch);
    }
}
