package dev.brickproof.rig.protocol.tobudos.patch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.UnsupportedOptionsException;

/** Raw LZMA with a 5-byte properties prefix (TobudOS's {@code lzma_compress} layout), through org.tukaani:xz. */
final class Lzma {
    private Lzma() {
    }

    static byte[] pack(byte[] data) {
        try {
            LZMA2Options options = new LZMA2Options(9);
            options.setDictSize(PatchFormat.DICTIONARY);
            options.setLcLp(PatchFormat.LC, PatchFormat.LP);
            options.setPb(PatchFormat.PB);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int props;
            try (LZMAOutputStream out = new LZMAOutputStream(body, options, false)) {
                out.write(data);
                out.finish();
                props = out.getProps();
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(props);
            int d = PatchFormat.DICTIONARY;
            all.write(new byte[] {(byte) d, (byte) (d >> 8), (byte) (d >> 16), (byte) (d >> 24)});
            body.writeTo(all);
            return all.toByteArray();
        } catch (UnsupportedOptionsException e) {
            throw new IllegalStateException("LZMA options of the patch format rejected by xz: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] unpack(byte[] packed, int unpackedLength) {
        if (packed.length < 5) {
            throw new PatchRejectedException("a patch record's LZMA data has " + packed.length
                    + " bytes, less than its 5-byte properties");
        }
        int dict = (packed[1] & 0xFF) | (packed[2] & 0xFF) << 8 | (packed[3] & 0xFF) << 16 | (packed[4] & 0xFF) << 24;
        try (LZMAInputStream in = new LZMAInputStream(new ByteArrayInputStream(packed, 5, packed.length - 5),
                unpackedLength, packed[0], dict)) {
            byte[] out = new byte[unpackedLength];
            new DataInputStream(in).readFully(out);
            return out;
        } catch (IOException e) {
            throw new PatchRejectedException("a patch record's LZMA data does not unpack to " + unpackedLength
                    + " bytes: " + e.getMessage());
        }
    }
}
