package dev.brickproof.emulator.unicorn;

import dev.brickproof.emulator.cpu.CortexM;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static dev.brickproof.emulator.unicorn.Thumb.b16;
import static dev.brickproof.emulator.unicorn.Thumb.bCond16;
import static dev.brickproof.emulator.unicorn.Thumb.bx;
import static dev.brickproof.emulator.unicorn.Thumb.dp16;
import static dev.brickproof.emulator.unicorn.Thumb.dpModImm;
import static dev.brickproof.emulator.unicorn.Thumb.imm8;
import static dev.brickproof.emulator.unicorn.Thumb.lsImm12;
import static dev.brickproof.emulator.unicorn.Thumb.lsImm16;
import static dev.brickproof.emulator.unicorn.Thumb.lsImm8;
import static dev.brickproof.emulator.unicorn.Thumb.movwt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Translated runs with loads, stores and branches: random small loops (a run that ends in its own backward
 * branch loops inside its method) that load and store RAM, read and write a device whose values depend on the
 * exact cycle of the access, read SysTick's current value and restart it by a store (which asks for the core's
 * attention mid-run), pend PendSV by a store (taken right after it, mid-run), take SysTick interrupts, and in some programs walk a pointer off the end of RAM until a
 * load or store faults. A translating core and an interpreting one run in the same random {@code run()} slices;
 * after every slice registers, flags, cycles, instruction counts, all of RAM and the device's access log (with
 * the core's cycle count at each access) must be identical.
 */
public class TranslatedLoopTest {
    private static final int CODE_AT = 0x100;
    private static final int DEVICE = HostDevice.BASE;
    private static final int SCS = 0xE000_E000;

    @DataProvider
    public Object[][] programs() {
        List<Object[]> rows = new ArrayList<>();
        for (int seed = 1; seed <= 40; seed++) {
            rows.add(new Object[] {seed});
        }
        return rows.toArray(Object[][]::new);
    }

    @Test(dataProvider = "programs")
    public void loopsWithLoadsStoresAndBranchesLeaveTheInterpretersState(int seed) {
        Random rnd = new Random(seed);
        boolean walkOff = seed % 4 == 0; // the pointer walks off RAM: a load or store faults inside a run
        boolean sysTick = seed % 3 != 0;
        List<Insn> code = new ArrayList<>();
        if (sysTick) {
            // SYST_RVR = 50..549, SYST_CVR = 0, SYST_CSR = ENABLE | TICKINT | CLKSOURCE
            code.add(movwt(false, 9, SCS & 0xFFFF));
            code.add(movwt(true, 9, SCS >>> 16));
            code.add(movwt(false, 0, 50 + rnd.nextInt(500)));
            code.add(lsImm12(false, 2, false, 0, 9, 0x14));
            code.add(lsImm12(false, 2, false, 0, 9, 0x18));
            code.add(movwt(false, 0, 7));
            code.add(lsImm12(false, 2, false, 0, 9, 0x10));
        }
        code.add(movwt(false, 10, 0));
        code.add(movwt(true, 10, 0x1000)); // r10 = ICSR.PENDSVSET
        int loopsAt = code.stream().mapToInt(Insn::size).sum();
        for (int loop = 0; loop < 6; loop++) {
            code.add(movwt(false, 6, 0x400 + 4 * rnd.nextInt(64)));
            code.add(movwt(true, 6, Gen.RAM_BASE >>> 16));
            code.add(movwt(false, 7, DEVICE & 0xFFFF));
            code.add(movwt(true, 7, DEVICE >>> 16));
            code.add(movwt(false, 9, SCS & 0xFFFF));
            code.add(movwt(true, 9, SCS >>> 16));
            boolean walks = walkOff && loop == 5; // the earlier loops get hot (translated) first
            code.add(movwt(false, 8, walks ? 1000 : 70 + rnd.nextInt(60)));
            List<Insn> body = new ArrayList<>();
            int items = 2 + rnd.nextInt(12);
            for (int i = 0; i < items; i++) {
                item(rnd, body, walks);
            }
            if (walks) {
                body.add(rnd.nextInt(body.size() + 1), lsImm8(false, 2, rnd.nextBoolean(), rnd.nextInt(6), 6, false,
                        true, true, 4 * (1 + rnd.nextInt(16))));
            }
            body.add(dpModImm(13, true, 8, 8, 1)); // subs.w r8, r8, #1
            int bytes = body.stream().mapToInt(Insn::size).sum();
            body.add(bCond16(1, -(bytes + 4))); // bne to the loop's start
            code.addAll(body);
        }
        int bytes = code.stream().mapToInt(Insn::size).sum();
        code.add(Thumb.b32(false, -(bytes - loopsAt + 4)));
        int handlers = CODE_AT + code.stream().mapToInt(Insn::size).sum();
        code.add(b16(-4)); // fault handler: b .
        code.add(imm8(2, 5, 1, true)); // SysTick handler: adds r5, #1; bx lr
        code.add(bx(false, 14));
        String listing = code.stream().map(Insn::toString).collect(Collectors.joining("\n"));

        Engine translated = new Engine(code, handlers, true, seed);
        Engine interpreted = new Engine(code, handlers, false, seed);
        Random slices = new Random(seed * 17L);
        for (int i = 0; i < 400; i++) {
            long budget = 1 + slices.nextInt(i % 5 == 0 ? 15 : 2500);
            translated.cpu.run(budget);
            interpreted.cpu.run(budget);
            String where = "seed " + seed + ", slice " + i + "\n" + listing;
            assertSame(translated, interpreted, where);
        }
        assertThat(translated.cpu.translatedRuns()).as("runs translated (seed %d)", seed).isPositive();
        if (walkOff) {
            assertThat(translated.cpu.xpsr() & 0x1FF).as("in the HardFault handler (seed %d)", seed).isEqualTo(3);
        }
    }

    private static void item(Random rnd, List<Insn> body, boolean walkOff) {
        int rt = rnd.nextInt(6);
        int size = rnd.nextInt(3);
        switch (rnd.nextInt(walkOff ? 11 : 10)) {
            case 0, 1 -> body.add(dp16(rnd.nextInt(16), rnd.nextInt(6), rnd.nextInt(6), true));
            case 2 -> body.add(imm8(rnd.nextInt(4), rt, rnd.nextInt(256), true));
            case 3 -> body.add(lsImm16(size, rnd.nextBoolean(), rt, 6, rnd.nextInt(32)));
            case 4 -> body.add(lsImm16(2, rnd.nextBoolean(), rt, 7, rnd.nextInt(8)));
            case 5 -> {
                boolean load = rnd.nextBoolean();
                body.add(lsImm12(load && size < 2 && rnd.nextBoolean(), size, load, rt, 6, rnd.nextInt(256) << size));
            }
            case 6 -> // SysTick current value (depends on the exact cycle), or a store that restarts it
                    body.add(lsImm12(false, 2, rnd.nextBoolean(), rt, 9, 0x18));
            case 7 -> { // a conditional branch over the next instruction: splits the loop into runs
                body.add(bCond16(rnd.nextInt(14), 0));
                body.add(imm8(2, rt, 1 + rnd.nextInt(255), true));
            }
            case 8 -> body.add(Thumb.ldrLiteral16(rt, rnd.nextInt(64)));
            case 9 -> // ICSR.PENDSVSET = 1 (r10): PendSV is taken right after this store, in the middle of the run
                    body.add(lsImm12(false, 2, false, 10, 9, 0xD04));
            default -> // post-indexed word access that moves the pointer on, off the end of RAM eventually
                    body.add(lsImm8(false, 2, rnd.nextBoolean(), rt, 6, false, true, true, 4 * (1 + rnd.nextInt(16))));
        }
    }

    private static void assertSame(Engine translated, Engine interpreted, String where) {
        CortexM t = translated.cpu;
        CortexM i = interpreted.cpu;
        for (int reg = 0; reg < 16; reg++) {
            assertThat(t.reg(reg)).as("%s: %s, %s", Thumb.r(reg), where, t.haltReason()).isEqualTo(i.reg(reg));
        }
        assertThat(Integer.toHexString(t.xpsr())).as("xPSR: %s", where).isEqualTo(Integer.toHexString(i.xpsr()));
        assertThat(t.cycles()).as("cycles: %s", where).isEqualTo(i.cycles());
        assertThat(t.instructions()).as("instructions: %s", where).isEqualTo(i.instructions());
        assertThat(t.state()).as("state: %s", where).isEqualTo(i.state());
        assertThat(translated.bus.ram()).as("RAM: %s", where).isEqualTo(interpreted.bus.ram());
        assertThat(translated.deviceAccesses).as("device accesses: %s", where).isEqualTo(interpreted.deviceAccesses);
    }

    /** A core on a RAM bus with a device that logs every access with the core's cycle count at that moment. */
    private static final class Engine implements UnicornArm.MmioDevice {
        final RamBus bus;
        final CortexM cpu;
        final List<String> deviceAccesses = new ArrayList<>();

        Engine(List<Insn> code, int handlers, boolean translation, int seed) {
            byte[] image = new byte[StraightLineCode.CODE_SIZE];
            StraightLineCode.put32(image, 0, Gen.RAM_BASE + 0xF00);
            StraightLineCode.put32(image, 4, CODE_AT | 1);
            for (int vector = 2; vector <= 6; vector++) {
                StraightLineCode.put32(image, 4 * vector, handlers | 1);
            }
            StraightLineCode.put32(image, 4 * 14, (handlers + 2) | 1);
            StraightLineCode.put32(image, 4 * 15, (handlers + 2) | 1);
            int at = CODE_AT;
            for (Insn insn : code) {
                at = StraightLineCode.put(image, at, insn);
            }
            bus = new RamBus(0, StraightLineCode.CODE_SIZE, Gen.RAM_BASE, Gen.RAM_SIZE, DEVICE, HostDevice.SIZE, this);
            bus.loadCode(image);
            Random fill = new Random(seed);
            byte[] ram = new byte[Gen.RAM_SIZE];
            fill.nextBytes(ram);
            bus.loadRam(ram);
            cpu = new CortexM(bus, seed % 2 == 0);
            cpu.setBlockTranslation(translation);
            cpu.reset();
        }

        @Override
        public int read(int offset, int size) {
            long now = cpu.cycles();
            deviceAccesses.add("read " + offset + " at " + now);
            return (int) (now * 0x9E37_79B9L) ^ offset;
        }

        @Override
        public void write(int offset, int size, int value) {
            deviceAccesses.add("write " + offset + "=" + value + " at " + cpu.cycles());
        }
    }
}
