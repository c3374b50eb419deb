package dev.brickproof.emulator.unicorn;

import dev.brickproof.emulator.cpu.CoreState;
import dev.brickproof.emulator.cpu.CortexM;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static dev.brickproof.emulator.unicorn.Thumb.addSubImm3;
import static dev.brickproof.emulator.unicorn.Thumb.b32;
import static dev.brickproof.emulator.unicorn.Thumb.bCond16;
import static dev.brickproof.emulator.unicorn.Thumb.dp16;
import static dev.brickproof.emulator.unicorn.Thumb.imm8;
import static dev.brickproof.emulator.unicorn.Thumb.lsImm16;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core compiles hot straight runs of register-only instructions into JVM methods. A translated run must
 * leave exactly the state the interpreter leaves: these tests run the same random looping programs on a core
 * with translation and on one without, in the same randomly sized {@code run()} slices, and compare registers,
 * flags, cycles and instruction counts after every slice. The mix has what must end or split a run (loads,
 * stores, branches into the middle of a run, IT blocks, PC and SP operands), and each test checks that runs
 * were in fact translated, so it cannot pass with the translator idle. (The interpreter itself is checked
 * against Unicorn instruction by instruction elsewhere; {@link BenchmarkWorkloadDifferentialTest} also
 * compares a translated straight-line run with Unicorn directly.)
 */
public class BlockTranslationTest {
    private static final int CODE_AT = 0x100;
    private static final int FLASH = 0x0800_0000;
    private static final InstructionClass[] MIX = {
        InstructionClass.SHIFT_IMM_16, InstructionClass.ADD_SUB_MOV_CMP_16, InstructionClass.DATA_PROCESSING_16,
        InstructionClass.HI_REGISTER_16, InstructionClass.PC_SP_RELATIVE, InstructionClass.LOAD_STORE_IMM_16,
        InstructionClass.LOAD_STORE_REG_16, InstructionClass.DP_MODIFIED_IMM_32, InstructionClass.DP_PLAIN_IMM_32,
        InstructionClass.DP_SHIFTED_REG_32, InstructionClass.BIT_FIELD, InstructionClass.MULTIPLY,
        InstructionClass.LONG_MULTIPLY, InstructionClass.DIVIDE, InstructionClass.SATURATE, InstructionClass.EXTEND,
        InstructionClass.BIT_OPERATIONS, InstructionClass.IT_BLOCK, InstructionClass.BRANCH,
        InstructionClass.DSP_PARALLEL, InstructionClass.DSP_MULTIPLY, InstructionClass.DSP_PACK_EXTEND,
    };

    @DataProvider
    public Object[][] programs() {
        List<Object[]> rows = new ArrayList<>();
        for (int seed = 1; seed <= 40; seed++) {
            rows.add(new Object[] {seed, seed % 2 == 0});
        }
        return rows.toArray(Object[][]::new);
    }

    @Test(dataProvider = "programs")
    public void translatedRunsLeaveTheStateTheInterpreterLeaves(int seed, boolean cortexM4) {
        Random rnd = new Random(seed);
        Gen g = new Gen(rnd, "translation");
        int ratio = 60 + rnd.nextInt(30); // per cent of the items that are plain ALU instructions
        while (g.bytes() < 600) {
            if (rnd.nextInt(100) < ratio) {
                InstructionClass.simpleAlu(g);
            } else {
                InstructionClass c = MIX[rnd.nextInt(MIX.length)];
                if (!cortexM4 && c.name().startsWith("DSP")) {
                    continue;
                }
                c.emit(g);
            }
            g.releaseAll();
        }
        g.emit(b32(false, -(g.bytes() + 4)));
        byte[] image = image(g.out);
        String listing = g.out.stream().map(Insn::toString).collect(Collectors.joining("\n"));

        CortexM translated = core(image, cortexM4, true, seed);
        CortexM interpreted = core(image, cortexM4, false, seed);
        Random slices = new Random(seed * 31L);
        for (int i = 0; i < 600; i++) {
            long budget = 1 + slices.nextInt(i % 7 == 0 ? 20 : 3000);
            translated.run(budget);
            interpreted.run(budget);
            assertSameState(translated, interpreted, "seed " + seed + ", slice " + i + "\n" + listing);
        }
        assertThat(translated.state()).as("seed %d: %s", seed, translated.haltReason()).isEqualTo(CoreState.RUNNING);
        assertThat(translated.translatedRuns()).as("runs translated (seed %d)\n%s", seed, listing).isPositive();
        assertThat(interpreted.translatedRuns()).as("runs translated with translation off").isZero();
    }

    @Test
    public void codeChangedBehindTheCoreIsRetranslated() {
        // eight "adds r0, #1" then a branch back: one run of eight
        List<Insn> code = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            code.add(imm8(2, 0, 1, true));
        }
        code.add(b32(false, -(8 * 2 + 4)));
        byte[] image = image(code, FLASH);
        RamBus bus = flashBus(image);
        CortexM cpu = new CortexM(bus, false);
        cpu.reset();
        cpu.run(100_000);
        assertThat(cpu.reg(15)).as("runs from flash, not from the alias at 0").isBetween(FLASH, FLASH + 0x1000);
        assertThat(cpu.translatedRuns()).isPositive();

        // as a flash programming would: the first instruction becomes "adds r0, #2", the board says so
        byte[] patched = image.clone();
        int hw = imm8(2, 0, 2, true).hw1();
        StraightLineCode.put16(patched, CODE_AT, hw);
        bus.loadCode(patched);
        cpu.invalidateCode(FLASH + CODE_AT, 2);
        cpu.setReg(15, FLASH + CODE_AT);
        cpu.setReg(0, 0);

        CortexM reference = new CortexM(flashBus(patched), false);
        reference.setBlockTranslation(false);
        reference.reset();
        copyRegisters(cpu, reference);
        for (int i = 0; i < 50; i++) {
            cpu.run(997);
            reference.run(997);
            assertSameRegisters(cpu, reference, "after the code changed, slice " + i);
        }
    }

    @Test
    public void aStoreOfTheCoreIntoItsOwnTranslatedCodeTakesEffect() {
        // code in RAM: [r0 += 1 eight times] [r7 -= 1; bne skip; strh r5, [r6]] skip: b loop
        // r5 = "adds r0, #2", r6 = address of the first instruction, r7 = passes before the store
        int base = ProgramImage.RAM_BASE + CODE_AT;
        List<Insn> code = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            code.add(imm8(2, 0, 1, true));
        }
        code.add(imm8(3, 7, 1, true));
        code.add(bCond16(1, 0)); // bne over the store
        code.add(lsImm16(1, false, 5, 6, 0));
        int bytes = code.stream().mapToInt(Insn::size).sum();
        code.add(b32(false, -(bytes + 4)));
        byte[] ram = new byte[ProgramImage.RAM_SIZE];
        int at = CODE_AT;
        for (Insn insn : code) {
            at = StraightLineCode.put(ram, at, insn);
        }
        byte[] vectors = new byte[StraightLineCode.CODE_SIZE];
        StraightLineCode.put32(vectors, 0, ProgramImage.RAM_BASE + 0x1000);
        StraightLineCode.put32(vectors, 4, base | 1);

        CortexM[] cores = new CortexM[2];
        for (int i = 0; i < 2; i++) {
            RamBus bus = new RamBus(StraightLineCode.CODE_SIZE, ProgramImage.RAM_BASE, ProgramImage.RAM_SIZE);
            bus.loadCode(vectors);
            bus.loadRam(ram);
            cores[i] = new CortexM(bus, false);
            cores[i].setBlockTranslation(i == 0);
            cores[i].reset();
            cores[i].setReg(5, imm8(2, 0, 2, true).hw1());
            cores[i].setReg(6, base);
            cores[i].setReg(7, 500);
        }
        for (int i = 0; i < 200; i++) {
            cores[0].run(331);
            cores[1].run(331);
            assertSameState(cores[0], cores[1], "self-modifying loop, slice " + i);
        }
        assertThat(cores[0].translatedRuns()).as("the run was translated before the store").isPositive();
        assertThat(cores[0].reg(7)).as("the store happened").isNegative();
    }

    @Test
    public void aRunIsNotEnteredInsideAnItBlock() {
        // the scan from the hot loop head compiles a run starting at "addeq", inside the IT block: entering it
        // there would execute "addne" unconditionally; the core must interpret the IT block instead
        List<Insn> code = new ArrayList<>();
        code.add(imm8(1, 1, 0, true));                    // cmp r1, #0
        code.add(Thumb.it(0, 2, new boolean[] {true, false, false, false})); // ite eq
        code.add(addSubImm3(false, 2, 2, 1, false));      // addeq r2, r2, #1
        code.add(addSubImm3(false, 3, 3, 1, false));      // addne r3, r3, #1
        for (int i = 0; i < 6; i++) {
            code.add(dp16(1, 4, 2, true));                // eors r4, r2
        }
        code.add(imm8(2, 1, 1, true));                    // adds r1, #1
        int bytes = code.stream().mapToInt(Insn::size).sum();
        code.add(b32(false, -(bytes + 4)));
        byte[] image = image(code);
        CortexM translated = core(image, false, true, 7);
        CortexM interpreted = core(image, false, false, 7);
        for (int i = 0; i < 300; i++) {
            translated.run(13 + i % 11);
            interpreted.run(13 + i % 11);
            assertSameState(translated, interpreted, "IT loop, slice " + i);
        }
        assertThat(translated.translatedRuns()).isPositive();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Code at the STM32 flash address (aliased at 0), so an invalidation names a range, not the boot alias. */
    private static RamBus flashBus(byte[] image) {
        RamBus bus = new RamBus(FLASH, StraightLineCode.CODE_SIZE, ProgramImage.RAM_BASE, ProgramImage.RAM_SIZE, 0, 0,
                null);
        bus.loadCode(image);
        return bus;
    }

    private static CortexM core(byte[] image, boolean cortexM4, boolean translation, int seed) {
        RamBus bus = new RamBus(StraightLineCode.CODE_SIZE, ProgramImage.RAM_BASE, ProgramImage.RAM_SIZE);
        bus.loadCode(image);
        CortexM cpu = new CortexM(bus, cortexM4);
        cpu.setBlockTranslation(translation);
        cpu.reset();
        Random values = new Random(seed);
        for (int reg : Gen.DATA_REGS) {
            cpu.setReg(reg, values.nextInt());
        }
        cpu.setReg(13, Gen.INITIAL_SP);
        return cpu;
    }

    private static void copyRegisters(CortexM from, CortexM to) {
        for (int reg = 0; reg < 16; reg++) {
            to.setReg(reg, from.reg(reg));
        }
        to.setXpsr(from.xpsr());
    }

    private static void assertSameState(CortexM translated, CortexM interpreted, String where) {
        assertSameRegisters(translated, interpreted, where);
        assertThat(translated.instructions()).as("instructions: %s", where).isEqualTo(interpreted.instructions());
        assertThat(translated.state()).as("state: %s", where).isEqualTo(interpreted.state());
    }

    private static void assertSameRegisters(CortexM translated, CortexM interpreted, String where) {
        for (int reg = 0; reg < 16; reg++) {
            assertThat(translated.reg(reg)).as("%s: %s, %s", Thumb.r(reg), where, translated.haltReason())
                    .isEqualTo(interpreted.reg(reg));
        }
        assertThat(Integer.toHexString(translated.xpsr())).as("xPSR: %s", where)
                .isEqualTo(Integer.toHexString(interpreted.xpsr()));
    }

    /** A code image at 0: vector table (SP, entry), the instructions from {@link #CODE_AT}. */
    private static byte[] image(List<Insn> code) {
        return image(code, 0);
    }

    /** The same, for code that runs at {@code base} (the vector table's entry points there). */
    private static byte[] image(List<Insn> code, int base) {
        byte[] image = new byte[StraightLineCode.CODE_SIZE];
        StraightLineCode.put32(image, 0, ProgramImage.RAM_BASE + 0x1000);
        StraightLineCode.put32(image, 4, (base + CODE_AT) | 1);
        int at = CODE_AT;
        for (Insn insn : code) {
            at = StraightLineCode.put(image, at, insn);
        }
        return image;
    }
}
