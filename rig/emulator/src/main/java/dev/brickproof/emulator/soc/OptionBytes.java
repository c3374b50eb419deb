package dev.brickproof.emulator.soc;

/**
 * Persistent option bytes (they survive power cycles), factory defaults unless provisioned.
 * F1: RDP 0xA5 (unprotected), USER 0xFF, WRP all 0xFF (no write protection).
 * L4: OPTR 0xFFEF_F8AA (RDP level 0, nBOOT0 = nSWBOOT0 = nBOOT1 = 1, IWDG_SW = 1), WRP areas empty.
 */
public final class OptionBytes implements Cloneable {
    public int f1Rdp = 0xA5;
    public int f1User = 0xFF;
    public int f1Data0 = 0xFF;
    public int f1Data1 = 0xFF;
    /** F1 WRP0..3 packed as the WRPR register reads (bit n clear = pages 4n..4n+3 protected). */
    public int f1Wrp = 0xFFFF_FFFF;
    public int l4Optr = 0xFFEF_F8AA;
    public int l4Wrp1ar = 0xFF00_FFFF;
    public int l4Wrp1br = 0xFF00_FFFF;

    public OptionBytes copy() {
        try {
            return (OptionBytes) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    public void copyFrom(OptionBytes o) {
        f1Rdp = o.f1Rdp;
        f1User = o.f1User;
        f1Data0 = o.f1Data0;
        f1Data1 = o.f1Data1;
        f1Wrp = o.f1Wrp;
        l4Optr = o.l4Optr;
        l4Wrp1ar = o.l4Wrp1ar;
        l4Wrp1br = o.l4Wrp1br;
    }

    /** The 16 bytes of the option-byte area as the CPU reads them (value, complement pairs). */
    public byte[] image(SocFamily family) {
        byte[] b = new byte[16];
        if (family == SocFamily.L4) {
            put32(b, 0, l4Optr);
            put32(b, 4, ~l4Optr);
            put32(b, 8, 0xFFFF_FFFF);
            put32(b, 12, 0);
        } else {
            int[] v = {f1Rdp, f1User, f1Data0, f1Data1, f1Wrp & 0xFF, f1Wrp >>> 8 & 0xFF, f1Wrp >>> 16 & 0xFF, f1Wrp >>> 24 & 0xFF};
            for (int i = 0; i < 8; i++) {
                b[2 * i] = (byte) v[i];
                b[2 * i + 1] = (byte) ~v[i];
            }
        }
        return b;
    }

    private static void put32(byte[] b, int o, int v) {
        for (int i = 0; i < 4; i++) {
            b[o + i] = (byte) (v >>> (8 * i));
        }
    }
}
