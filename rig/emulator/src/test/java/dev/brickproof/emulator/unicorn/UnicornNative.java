package dev.brickproof.emulator.unicorn;

import com.sun.jna.Callback;
import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * Direct JNA mapping of the few libunicorn 2 entry points the oracle needs. Every number below was checked
 * against the headers of the installed Debian package (libunicorn-dev 2.0.1.post1, {@code unicorn.h} and
 * {@code arm.h}) with a C program, not copied from memory.
 *
 * <p>Only {@link UnicornArm} talks to this class; it turns return codes into {@link UnicornException}.
 */
final class UnicornNative {
    // unicorn.h: uc_arch / uc_mode
    static final int UC_ARCH_ARM = 1;
    static final int UC_MODE_THUMB = 1 << 4;
    static final int UC_MODE_MCLASS = 1 << 5;

    // arm.h: uc_cpu_arm
    static final int UC_CPU_ARM_CORTEX_M3 = 8;
    static final int UC_CPU_ARM_CORTEX_M4 = 9;

    // unicorn.h: UC_CTL(type, nr, rw) = type | nr << 26 | rw << 30
    static final int UC_CTL_WRITE_CPU_MODEL = 0x44000007;      // UC_CTL_WRITE(UC_CTL_CPU_MODEL, 1)
    static final int UC_CTL_WRITE_TB_REMOVE_CACHE = 0x48000009; // UC_CTL_WRITE(UC_CTL_TB_REMOVE_CACHE, 2)
    static final int UC_CTL_WRITE_TB_FLUSH = 0x4000000a;        // UC_CTL_WRITE(UC_CTL_TB_FLUSH, 0)

    // unicorn.h: uc_prot
    static final int UC_PROT_READ = 1;
    static final int UC_PROT_WRITE = 2;
    static final int UC_PROT_EXEC = 4;
    static final int UC_PROT_ALL = 7;

    // unicorn.h: uc_hook_type
    static final int UC_HOOK_CODE = 1 << 2;
    static final int UC_HOOK_MEM_READ = 1 << 10;
    static final int UC_HOOK_MEM_WRITE = 1 << 11;

    // arm.h: uc_arm_reg
    static final int UC_ARM_REG_APSR = 1;
    static final int UC_ARM_REG_FPSCR = 6;
    static final int UC_ARM_REG_ITSTATE = 9;
    static final int UC_ARM_REG_LR = 10;
    static final int UC_ARM_REG_PC = 11;
    static final int UC_ARM_REG_SP = 12;
    static final int UC_ARM_REG_R0 = 66;     // R0..R12 = 66..78
    static final int UC_ARM_REG_S0 = 79;     // S0..S31 = 79..110
    static final int UC_ARM_REG_MSP = 115;
    static final int UC_ARM_REG_PSP = 116;
    static final int UC_ARM_REG_CONTROL = 117;
    static final int UC_ARM_REG_XPSR = 120;
    static final int UC_ARM_REG_PRIMASK = 123;
    static final int UC_ARM_REG_BASEPRI = 124;
    static final int UC_ARM_REG_FAULTMASK = 126;
    static final int UC_ARM_REG_APSR_NZCVQ = 127;
    static final int UC_ARM_REG_APSR_NZCVQG = 129;

    // unicorn.h: uc_err
    static final int UC_ERR_OK = 0;

    /** {@code -Dbrickproof.unicorn.library=/path/libunicorn.so.2} overrides the search (a missing path: skip). */
    private static final String[] CANDIDATES = System.getProperty("brickproof.unicorn.library") != null
            ? new String[] {System.getProperty("brickproof.unicorn.library")}
            : new String[] {"unicorn", "libunicorn.so.2", "/usr/lib/x86_64-linux-gnu/libunicorn.so.2",
                "/usr/lib/aarch64-linux-gnu/libunicorn.so.2"};

    private static final NativeLibrary LIBRARY;
    private static final Throwable LOAD_FAILURE;

    static {
        NativeLibrary found = null;
        Throwable failure = null;
        for (String name : CANDIDATES) {
            try {
                found = NativeLibrary.getInstance(name);
                break;
            } catch (UnsatisfiedLinkError e) {
                failure = e;
            }
        }
        if (found != null) {
            try {
                Native.register(UnicornNative.class, found);
                failure = null;
            } catch (Throwable e) {
                found = null;
                failure = e;
            }
        }
        LIBRARY = found;
        LOAD_FAILURE = failure;
    }

    private UnicornNative() {
    }

    static boolean loaded() {
        return LIBRARY != null;
    }

    static Throwable loadFailure() {
        return LOAD_FAILURE;
    }

    static Function variadic(String name) {
        return LIBRARY.getFunction(name);
    }

    /** {@code uc_cb_mmio_read_t} */
    public interface MmioRead extends Callback {
        long invoke(Pointer uc, long offset, int size, Pointer userData);
    }

    /** {@code uc_cb_mmio_write_t} */
    public interface MmioWrite extends Callback {
        void invoke(Pointer uc, long offset, int size, long value, Pointer userData);
    }

    /** {@code uc_cb_hookcode_t} */
    public interface HookCode extends Callback {
        void invoke(Pointer uc, long address, int size, Pointer userData);
    }

    /** {@code uc_cb_hookmem_t} */
    public interface HookMem extends Callback {
        void invoke(Pointer uc, int type, long address, int size, long value, Pointer userData);
    }

    static native int uc_version(Pointer major, Pointer minor);

    static native int uc_open(int arch, int mode, PointerByReference uc);

    static native int uc_close(Pointer uc);

    static native String uc_strerror(int code);

    static native int uc_reg_write(Pointer uc, int regid, int[] value);

    static native int uc_reg_read(Pointer uc, int regid, int[] value);

    static native int uc_reg_read_batch(Pointer uc, Pointer regs, Pointer vals, int count);

    static native int uc_mem_map(Pointer uc, long address, long size, int perms);

    static native int uc_mem_write(Pointer uc, long address, byte[] bytes, long size);

    static native int uc_mem_read(Pointer uc, long address, byte[] bytes, long size);

    static native int uc_mmio_map(Pointer uc, long address, long size, MmioRead readCb, Pointer userRead,
                                  MmioWrite writeCb, Pointer userWrite);

    static native int uc_emu_start(Pointer uc, long begin, long until, long timeout, long count);

    static native int uc_emu_stop(Pointer uc);

    static native int uc_hook_del(Pointer uc, long hook);
}
