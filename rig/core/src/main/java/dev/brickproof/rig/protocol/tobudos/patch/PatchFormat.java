package dev.brickproof.rig.protocol.tobudos.patch;

/**
 * The block patch format (TobudOS {@code components/ota/common/diff/ota_diff.c}-shaped, our own layout; all
 * little-endian). It is what the D4 OTA image carries after its 21-byte header ({@code patch_size} bytes):
 *
 * <pre>
 * patch header (24 bytes)
 *   +0  u16 block length (the flash page: 2048 on the L431)     TobudOS patch_hdr.blk_len
 *   +2  u16 record count                                        TobudOS patch_hdr.blk_cnt
 *   +4  u32 old size      +8  u32 CRC-32 of the old image       (ours: a patch for another old image is refused)
 *   +12 u32 new size      +16 u32 CRC-32 of the new image       (ours: the rebuilt image is checked)
 *   +20 u16 stash slots needed (blocks saved before being overwritten in place), +22 u16 0
 * records, in the order the blocks must be rebuilt (topological order of "reads old block"):
 *   +0 u16 unpacked length, +2 u16 packed length, +4 packed bytes         TobudOS patch4blk_hdr
 *   packed = 5 bytes LZMA properties (lc/lp/pb byte, u32 dictionary size) + raw LZMA data without end marker
 *   unpacked = u16 I (new block index), u16 N (commands), u16 C (command bytes), u16 D (diff bytes),
 *              u16 S (stash slot to save old block I into before it is overwritten, 0xFFFF = none),
 *              then C command bytes, D diff bytes, the extra bytes
 *   command = u8 X, u16 Y (length), then for X = COPY/DIFF a u32 Z (old image offset):
 *     COPY (0): Y bytes of the old image from Z; DIFF (1): Y old bytes from Z plus the next Y diff bytes;
 *     EXTRA (2): the next Y extra bytes
 * </pre>
 *
 * An old block that a later record reads after its own block was rebuilt comes from its stash slot. The generator
 * only stashes blocks it must (dependency cycles); the ping-pong bootloader reads the old image from its backup
 * partition and ignores stash slots.
 *
 * <p>LZMA: lc = 0, lp = 0, pb = 2 (TobudOS also uses lc = 0) and an 8 KiB dictionary. Every record is unpacked
 * whole into a RAM buffer of {@link #MAX_RECORD} bytes that is the decoder's window, so no distance exceeds it and
 * the decoder needs that buffer plus 1 846 + 768 16-bit probability counters (5.2 KiB): about 14 KiB of the L431's
 * 48 KiB SRAM with the 2 KiB block buffer ({@code fixtures/firmware/lib/lzma.c}, {@code boot/d4_patch.c}).
 */
public final class PatchFormat {
    public static final int HEADER_SIZE = 24;
    public static final int RECORD_HEADER = 4;
    public static final int BLOCK_HEADER = 10;
    public static final int NO_STASH = 0xFFFF;
    public static final int COPY = 0;
    public static final int DIFF = 1;
    public static final int EXTRA = 2;
    /** Unpacked record limit: a block that would need more is sent as one EXTRA command. */
    public static final int MAX_RECORD = 6144;
    public static final int DICTIONARY = 8192;
    public static final int LC = 0;
    public static final int LP = 0;
    public static final int PB = 2;
    public static final int L431_BLOCK = 2048;

    private PatchFormat() {
    }
}
