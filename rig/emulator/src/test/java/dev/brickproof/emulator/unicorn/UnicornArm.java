package dev.brickproof.emulator.unicorn;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import java.util.ArrayList;
import java.util.List;

/**
 * One Unicorn 2 engine set up as an ARMv7-M core (Thumb, M-class, CPU model Cortex-M3 or -M4): the
 * differential oracle for {@code CortexM}. Wraps libunicorn once: every non-zero {@code uc_err} becomes a
 * {@link UnicornException} naming the call.
 *
 * <p>What Unicorn does <em>not</em> do (see TOOLCHAIN_NOTES): no reset sequence (load SP/PC yourself), no
 * System Control Space, no NVIC. Slices may overrun by up to 3 instructions inside an IT block.
 */
public final class UnicornArm implements AutoCloseable {
    /** Register numbers r0..r15 as the core numbers them, mapped to Unicorn ids. */
    private static final int[] CORE_REG_IDS = new int[16];

    static {
        for (int i = 0; i <= 12; i++) {
            CORE_REG_IDS[i] = UnicornNative.UC_ARM_REG_R0 + i;
        }
        CORE_REG_IDS[13] = UnicornNative.UC_ARM_REG_SP;
        CORE_REG_IDS[14] = UnicornNative.UC_ARM_REG_LR;
        CORE_REG_IDS[15] = UnicornNative.UC_ARM_REG_PC;
    }

    /** The message a test skips with when the library is missing. */
    public static final String MISSING_LIBRARY =
            "libunicorn2 not found: install it with `apt-get install libunicorn2`";

    private final Pointer uc;
    private final boolean cortexM4;
    private final int[] scratch = new int[1];
    // batch read of r0..r15 + xPSR in one native call
    private final Memory batchIds = new Memory(17 * 4L);
    private final Memory batchValues = new Memory(17 * 8L);
    private final Memory batchPointers = new Memory(17L * Native.POINTER_SIZE);
    // callbacks must stay reachable for as long as the engine lives
    private final List<Object> keepAlive = new ArrayList<>();
    private boolean closed;

    private UnicornArm(Pointer uc, boolean cortexM4) {
        this.uc = uc;
        this.cortexM4 = cortexM4;
        for (int i = 0; i < 16; i++) {
            batchIds.setInt(i * 4L, CORE_REG_IDS[i]);
        }
        batchIds.setInt(16 * 4L, UnicornNative.UC_ARM_REG_XPSR);
        for (int i = 0; i < 17; i++) {
            batchValues.setLong(i * 8L, 0);
            batchPointers.setPointer((long) i * Native.POINTER_SIZE, batchValues.share(i * 8L));
        }
    }

    /** True when libunicorn.so.2 could be loaded and bound. */
    public static boolean isAvailable() {
        return UnicornNative.loaded();
    }

    /** Why the library could not be loaded (for logs), or null. */
    public static Throwable loadFailure() {
        return UnicornNative.loadFailure();
    }

    /** Unicorn's version as "major.minor". */
    public static String version() {
        requireLibrary();
        Memory major = new Memory(4);
        Memory minor = new Memory(4);
        UnicornNative.uc_version(major, minor);
        return major.getInt(0) + "." + minor.getInt(0);
    }

    /** Opens a Thumb M-class engine with the Cortex-M3 CPU model (the default M-class model is an M33). */
    public static UnicornArm openCortexM3() {
        return open(false);
    }

    /** Opens a Thumb M-class engine with the Cortex-M4 CPU model (DSP extension, GE flags). */
    public static UnicornArm openCortexM4() {
        return open(true);
    }

    private static UnicornArm open(boolean m4) {
        requireLibrary();
        PointerByReference ref = new PointerByReference();
        check("uc_open", UnicornNative.uc_open(UnicornNative.UC_ARCH_ARM,
                UnicornNative.UC_MODE_THUMB | UnicornNative.UC_MODE_MCLASS, ref));
        Pointer handle = ref.getValue();
        int model = m4 ? UnicornNative.UC_CPU_ARM_CORTEX_M4 : UnicornNative.UC_CPU_ARM_CORTEX_M3;
        int rc = UnicornNative.variadic("uc_ctl").invokeInt(
                new Object[] {handle, UnicornNative.UC_CTL_WRITE_CPU_MODEL, model});
        if (rc != UnicornNative.UC_ERR_OK) {
            UnicornNative.uc_close(handle);
            check("uc_ctl(CPU_MODEL)", rc);
        }
        return new UnicornArm(handle, m4);
    }

    private static void requireLibrary() {
        if (!isAvailable()) {
            throw new UnicornException(MISSING_LIBRARY, loadFailure());
        }
    }

    public boolean isCortexM4() {
        return cortexM4;
    }

    /** Maps zeroed RAM/flash; address and size must be 4 KiB aligned. */
    public void map(long address, long size, boolean writable) {
        int perms = UnicornNative.UC_PROT_READ | UnicornNative.UC_PROT_EXEC
                | (writable ? UnicornNative.UC_PROT_WRITE : 0);
        check("uc_mem_map", UnicornNative.uc_mem_map(uc, address, size, perms));
    }

    /** Maps a device region served by Java callbacks (each access costs a JNA up-call). */
    public void mapMmio(long address, long size, MmioDevice device) {
        UnicornNative.MmioRead read = (u, offset, accessSize, user) ->
                device.read((int) offset, accessSize) & 0xFFFF_FFFFL;
        UnicornNative.MmioWrite write = (u, offset, accessSize, value, user) ->
                device.write((int) offset, accessSize, (int) value);
        keepAlive.add(read);
        keepAlive.add(write);
        check("uc_mmio_map", UnicornNative.uc_mmio_map(uc, address, size, read, null, write, null));
    }

    /** Calls {@code listener} for every data write in [begin, end] (after the write is done). */
    public void hookWrites(long begin, long end, WriteListener listener) {
        UnicornNative.HookMem hook = (u, type, address, size, value, user) ->
                listener.written((int) address, size, (int) value);
        keepAlive.add(hook);
        addHook(UnicornNative.UC_HOOK_MEM_WRITE, hook, begin, end);
    }

    private long addHook(int type, Object callback, long begin, long end) {
        Memory handle = new Memory(Native.SIZE_T_SIZE);
        int rc = UnicornNative.variadic("uc_hook_add").invokeInt(
                new Object[] {uc, handle, type, callback, null, begin, end});
        check("uc_hook_add", rc);
        return Native.SIZE_T_SIZE == 8 ? handle.getLong(0) : handle.getInt(0);
    }

    public void write(long address, byte[] bytes) {
        check("uc_mem_write", UnicornNative.uc_mem_write(uc, address, bytes, bytes.length));
    }

    public byte[] read(long address, int length) {
        byte[] out = new byte[length];
        read(address, out);
        return out;
    }

    public void read(long address, byte[] into) {
        check("uc_mem_read", UnicornNative.uc_mem_read(uc, address, into, into.length));
    }

    /** Register r0..r15 (r13 is the active stack pointer). */
    public int reg(int n) {
        check("uc_reg_read", UnicornNative.uc_reg_read(uc, CORE_REG_IDS[n], scratch));
        return scratch[0];
    }

    public void setReg(int n, int value) {
        scratch[0] = value;
        check("uc_reg_write", UnicornNative.uc_reg_write(uc, CORE_REG_IDS[n], scratch));
    }

    /** xPSR as MRS would read it (APSR | EPSR(T, ICI/IT) | IPSR). */
    public int xpsr() {
        check("uc_reg_read", UnicornNative.uc_reg_read(uc, UnicornNative.UC_ARM_REG_XPSR, scratch));
        return scratch[0];
    }

    /** Writes N, Z, C, V, Q (and GE[3:0] on the M4) from an xPSR-layout value; EPSR/IPSR are untouched. */
    public void setApsr(int value) {
        scratch[0] = value;
        int id = cortexM4 ? UnicornNative.UC_ARM_REG_APSR_NZCVQG : UnicornNative.UC_ARM_REG_APSR_NZCVQ;
        check("uc_reg_write", UnicornNative.uc_reg_write(uc, id, scratch));
    }

    /** PRIMASK, FAULTMASK and BASEPRI back to 0 (as after reset): an engine reused between runs keeps them. */
    public void clearExceptionMasks() {
        scratch[0] = 0;
        check("uc_reg_write", UnicornNative.uc_reg_write(uc, UnicornNative.UC_ARM_REG_PRIMASK, scratch));
        check("uc_reg_write", UnicornNative.uc_reg_write(uc, UnicornNative.UC_ARM_REG_FAULTMASK, scratch));
        check("uc_reg_write", UnicornNative.uc_reg_write(uc, UnicornNative.UC_ARM_REG_BASEPRI, scratch));
    }

    /** PRIMASK, BASEPRI, FAULTMASK as MRS reads them. */
    public int[] exceptionMasks() {
        int[] out = new int[3];
        int[] ids = {UnicornNative.UC_ARM_REG_PRIMASK, UnicornNative.UC_ARM_REG_BASEPRI,
            UnicornNative.UC_ARM_REG_FAULTMASK};
        for (int i = 0; i < 3; i++) {
            check("uc_reg_read", UnicornNative.uc_reg_read(uc, ids[i], scratch));
            out[i] = scratch[0];
        }
        return out;
    }

    /** Single-precision register S{@code n} (Cortex-M4 model: the FPU is present and enabled). */
    public int fpRegister(int n) {
        check("uc_reg_read", UnicornNative.uc_reg_read(uc, UnicornNative.UC_ARM_REG_S0 + n, scratch));
        return scratch[0];
    }

    public void setFpRegister(int n, int bits) {
        scratch[0] = bits;
        check("uc_reg_write", UnicornNative.uc_reg_write(uc, UnicornNative.UC_ARM_REG_S0 + n, scratch));
    }

    public int fpscr() {
        check("uc_reg_read", UnicornNative.uc_reg_read(uc, UnicornNative.UC_ARM_REG_FPSCR, scratch));
        return scratch[0];
    }

    public void setFpscr(int value) {
        scratch[0] = value;
        check("uc_reg_write", UnicornNative.uc_reg_write(uc, UnicornNative.UC_ARM_REG_FPSCR, scratch));
    }

    /** CONTROL as MRS reads it (Unicorn also reports the ARMv8-M SFPA bit 3 next to FPCA bit 2). */
    public int control() {
        check("uc_reg_read", UnicornNative.uc_reg_read(uc, UnicornNative.UC_ARM_REG_CONTROL, scratch));
        return scratch[0];
    }

    public void setControl(int value) {
        scratch[0] = value;
        check("uc_reg_write", UnicornNative.uc_reg_write(uc, UnicornNative.UC_ARM_REG_CONTROL, scratch));
    }

    public int msp() {
        check("uc_reg_read", UnicornNative.uc_reg_read(uc, UnicornNative.UC_ARM_REG_MSP, scratch));
        return scratch[0];
    }

    /**
     * r0..r15 into {@code out[0..15]} and xPSR into {@code out[16]}, in one native call.
     */
    public void readAll(int[] out) {
        check("uc_reg_read_batch", UnicornNative.uc_reg_read_batch(uc, batchIds, batchPointers, 17));
        for (int i = 0; i < 17; i++) {
            out[i] = batchValues.getInt(i * 8L);
        }
    }

    /**
     * Runs from {@code pc} (Thumb bit added here) for at most {@code count} instructions ({@code 0}: until a
     * stop). Unicorn does not report how many ran; read PC afterwards.
     */
    public void run(int pc, long count) {
        check("uc_emu_start", UnicornNative.uc_emu_start(uc, (pc | 1) & 0xFFFF_FFFFL, 0xFFFF_FFFFL, 0, count));
    }

    /** Like {@link #run} but returns the raw uc_err instead of throwing. */
    public int tryRun(int pc, long count) {
        return UnicornNative.uc_emu_start(uc, (pc | 1) & 0xFFFF_FFFFL, 0xFFFF_FFFFL, 0, count);
    }

    /** Executes one instruction (one slice of count 1: inside an IT block this may run up to 4). */
    public void step() {
        run(reg(15), 1);
    }

    public void stop() {
        UnicornNative.uc_emu_stop(uc);
    }

    /** Drops translated code for [begin, end): needed after code in memory changed. */
    public void removeCache(long begin, long end) {
        check("uc_ctl(TB_REMOVE_CACHE)", UnicornNative.variadic("uc_ctl").invokeInt(
                new Object[] {uc, UnicornNative.UC_CTL_WRITE_TB_REMOVE_CACHE, begin, end}));
    }

    /** Drops all translated code. */
    public void flushCache() {
        check("uc_ctl(TB_FLUSH)", UnicornNative.variadic("uc_ctl").invokeInt(
                new Object[] {uc, UnicornNative.UC_CTL_WRITE_TB_FLUSH}));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            UnicornNative.uc_close(uc);
            keepAlive.clear();
        }
    }

    static String errorText(int code) {
        return UnicornNative.uc_strerror(code) + " (uc_err " + code + ")";
    }

    private static void check(String call, int rc) {
        if (rc != UnicornNative.UC_ERR_OK) {
            throw new UnicornException(call + " failed: " + errorText(rc), rc);
        }
    }

    /** A memory-mapped device served from Java. Offsets are relative to the mapped base. */
    public interface MmioDevice {
        int read(int offset, int size);

        void write(int offset, int size, int value);
    }

    /** Observes data writes (address, size in bytes, value). */
    public interface WriteListener {
        void written(int address, int size, int value);
    }
}
