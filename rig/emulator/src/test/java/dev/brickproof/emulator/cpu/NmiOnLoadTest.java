package dev.brickproof.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.api.PowerCut;
import dev.brickproof.emulator.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * An NMI raised by the bus during a data load (as the STM32L4 flash does on a double ECC error) is taken after
 * the load retires, with the next instruction's address and T = 1 stacked, and its handler returns there.
 * Also on the STM32L431 board while a power cut is pending (the window in which the bus ignores flash and
 * peripheral stores: the exception frame in SRAM must still be written).
 */
public class NmiOnLoadTest {
    /** The "torn" double-word: any read of it asserts the NMI input, like SocBus on an ECC-bad double-word. */
    private static final int TORN = MemoryBus.FLASH + 0x100;
    private static final int COUNTER = MemoryBus.RAM;

    /** Delegates to a {@link MemoryBus}; reads of the torn double-word assert the core's NMI input. */
    private static final class EccBus implements Bus {
        final MemoryBus memory = new MemoryBus();
        CortexM core;
        int nmis;

        private void check(int address, int width) {
            if (address + width > TORN && address < TORN + 8) {
                nmis++;
                core.setNmiPending();
            }
        }

        @Override public int read8(int a) { check(a, 1); return memory.read8(a); }
        @Override public int read16(int a) { check(a, 2); return memory.read16(a); }
        @Override public int read32(int a) { check(a, 4); return memory.read32(a); }
        @Override public void write8(int a, int v) { memory.write8(a, v); }
        @Override public void write16(int a, int v) { memory.write16(a, v); }
        @Override public void write32(int a, int v) { memory.write32(a, v); }
    }

    /**
     * Reset: {@code ldr r6, =TORN+4; ldr.w r3, [r6, #-4]; movs r0, #1; ldr r4, [r6]; movs r1, #2; b .}.
     * NMI: {@code ldr r2, =COUNTER; ldr r3, [r2]; adds r3, #1; str r3, [r2]; bx lr} (the fixture firmware's
     * handler without the FLASH_ECCR access).
     */
    private static EccBus program(int stackTop) {
        EccBus bus = new EccBus();
        MemoryBus m = bus.memory;
        m.putFlash32(0, stackTop);
        m.putFlash32(4, MemoryBus.FLASH + 0x41);
        m.putFlash32(8, MemoryBus.FLASH + 0x81);
        int[] reset = {0x4E07, 0xF856, 0x3C04, 0x2001, 0x6834, 0x2102, 0xE7FE};
        for (int i = 0; i < reset.length; i++) {
            m.putFlash16(0x40 + 2 * i, reset[i]);
        }
        m.putFlash32(0x60, TORN + 4);
        int[] nmi = {0x4A07, 0x6813, 0x3301, 0x6013, 0x4770};
        for (int i = 0; i < nmi.length; i++) {
            m.putFlash16(0x80 + 2 * i, nmi[i]);
        }
        m.putFlash32(0xA0, COUNTER);
        m.putFlash32(0x100, 0x1111_1111);
        m.putFlash32(0x104, 0x2222_2222);
        return bus;
    }

    private static List<String> run(EccBus bus, CortexM core, boolean singleStep) {
        List<String> faults = new ArrayList<>();
        core.setFaultListener((kind, pc, detail) -> faults.add(kind + "@" + Integer.toHexString(pc)));
        bus.core = core;
        core.reset();
        if (singleStep) {
            for (int i = 0; i < 40 && core.state() == CoreState.RUNNING; i++) {
                core.step();
            }
        } else {
            core.run(200);
        }
        return faults;
    }

    private static void assertResumedAfterEachLoad(EccBus bus, CortexM core, List<String> faults) {
        assertThat(core.state()).as(core.haltReason()).isEqualTo(CoreState.RUNNING);
        assertThat(faults).as("only the two NMIs, no UsageFault/HardFault").containsExactly("nmi@8000042",
                "nmi@8000048");
        assertThat(bus.memory.ramWord(COUNTER)).as("NMI handler ran once per load").isEqualTo(2);
        assertThat(core.reg(15)).as("spinning on the final b .").isEqualTo(MemoryBus.FLASH + 0x4C);
        assertThat(core.xpsr() & (1 << 24)).as("T bit").isNotZero();
        assertThat(core.xpsr() & 0x1FF).as("back in thread mode").isZero();
        assertThat(core.reg(3)).as("the load retired before the NMI").isEqualTo(0x1111_1111);
        assertThat(core.reg(4)).isEqualTo(0x2222_2222);
        assertThat(core.reg(0)).isEqualTo(1);
        assertThat(core.reg(1)).isEqualTo(2);
        assertThat(core.reg(13)).as("stack balanced").isEqualTo(0x2000_BFF0);
    }

    @Test
    public void anNmiRaisedByALoadReturnsToTheNextInstructionInThumbState() {
        EccBus bus = program(0x2000_BFF0);
        CortexM core = new CortexM(bus, true);
        List<String> faults = run(bus, core, false);
        assertResumedAfterEachLoad(bus, core, faults);
    }

    @Test
    public void theSameWhenSingleStepped() {
        EccBus bus = program(0x2000_BFF0);
        CortexM core = new CortexM(bus, false);
        List<String> faults = run(bus, core, true);
        assertResumedAfterEachLoad(bus, core, faults);
    }

    private static Path fixture(String name) {
        Path p = Path.of(System.getProperty("brickproof.root", "../.."), "fixtures/firmware/bin", name);
        if (!Files.exists(p)) {
            p = Path.of("../../fixtures/firmware/bin", name);
        }
        return p;
    }

    /** The D4-IP bootloader with app v1 and a KV log 100 records short of full: it compacts it on boot. */
    private static EmulatedBoard d4ipCompactingOnBoot() throws IOException {
        EmulatedBoard b = EmulatedBoard.create(BoardOptions.of(Chip.STM32L431RC).withSeed(1));
        b.programFlash(0x0800_0000, Files.readAllBytes(fixture("l431-d4ip-boot.bin")));
        b.programFlash(0x0800_7800, Files.readAllBytes(fixture("l431-d4ip-app-v1.0.bin")));
        int kv = 0x0803_9800;
        int slots = (0x0803_F800 - kv) / 8;
        byte[] log = new byte[(slots - 100) * 8];
        for (int i = 0; i < slots - 100; i++) {
            byte[] r = {0x03, 1, 0, 0, (byte) i, (byte) (i >> 8), 0, 0};
            r[7] = (byte) crc8(r, 7);
            System.arraycopy(r, 0, log, 8 * i, 8);
        }
        b.programFlash(kv, log);
        return b;
    }

    /** CRC-8, poly 0x31, init 0 (the fixture firmware's KV record check). */
    private static int crc8(byte[] data, int length) {
        int crc = 0;
        for (int k = 0; k < length; k++) {
            crc ^= data[k] & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    /**
     * The compaction's first program (op 1) is torn by a cut at half time; before power drops the bootloader
     * reads the torn double-word back ({@code ldr.w r3, [r6, #-4]} at 0x0800_0984), takes the ECC NMI and must
     * return from it. (Found when the frozen bus dropped the NMI's stacking stores: the return popped SRAM
     * garbage, T = 0, UsageFault.)
     */
    @Test
    public void anEccNmiTakenWhileAPowerCutIsPendingReturnsNormally() throws IOException {
        EmulatedBoard b = d4ipCompactingOnBoot();
        b.armPowerCut(PowerCut.duringFlashOp(1, 0.5));
        b.setPower(true);
        assertThat(b.runUntil(b::powerCutFired, Duration.ofSeconds(2))).as("cut fired").isTrue();
        List<String> beforeCut = new ArrayList<>();
        for (RunReport.Event e : b.report().events()) {
            if (e.kind().equals("power-cut")) {
                break;
            }
            beforeCut.add(e.kind() + " " + e.detail());
        }
        // (any NMI: the read-back's PC moves when the fixture is rebuilt)
        assertThat(beforeCut).as("the read-back raised the ECC NMI").anyMatch(e -> e.startsWith("nmi "));
        assertThat(beforeCut).as("and its handler returned into the bootloader")
                .noneMatch(e -> e.startsWith("usagefault") || e.startsWith("hardfault") || e.startsWith("lockup"));
    }
}
