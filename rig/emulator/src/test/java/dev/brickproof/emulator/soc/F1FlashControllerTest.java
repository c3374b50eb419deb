package dev.brickproof.emulator.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.api.FlashOperation;
import dev.brickproof.api.PowerCut;
import dev.brickproof.emulator.cpu.BusFault;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** F1 FPEC rules through its registers (fact sheet §1.3-1.4). */
public class F1FlashControllerTest {
    private static final int BASE = 0x0800_0000;
    private static final int SR = 0x0C, CR = 0x10, KEYR = 0x04, AR = 0x14;
    private FakeContext ctx;
    private FlashMemory mem;
    private FlashLedger ledger;
    private F1FlashController fc;

    @BeforeMethod
    public void setUp() {
        build(-1, 1);
    }

    private void build(int wrpr, long seed) {
        ctx = new FakeContext();
        mem = new FlashMemory(BASE, 64 * 1024, 1024);
        ledger = new FlashLedger(seed);
        ledger.setCutSink((ps, why) -> ctx.cuts.add(ps));
        OptionBytes options = new OptionBytes();
        options.f1Wrp = wrpr;
        fc = new F1FlashController(ctx, mem, ledger, options);
    }

    private void unlock() {
        fc.write(KEYR, 0x4567_0123, 4);
        fc.write(KEYR, 0xCDEF_89AB, 4);
    }

    private void program(int address, int value) {
        fc.write(CR, 1, 4);                     // PG
        fc.writeMemory(address, value, 2);
        ctx.advance(fc, 60 * FakeContext.US);
        fc.write(CR, 0, 4);
    }

    private void erasePage(int address) {
        fc.write(CR, 2, 4);                     // PER
        fc.write(AR, address, 4);
        fc.write(CR, 2 | 1 << 6, 4);            // PER | STRT
    }

    @Test
    public void crIsReadOnlyUntilTheKeySequence() {
        assertThat(fc.read(CR)).isEqualTo(0x80);
        fc.write(CR, 1, 4);
        assertThat(fc.read(CR)).isEqualTo(0x80);
        unlock();
        assertThat(fc.read(CR)).isZero();
        fc.write(CR, 0x80, 4);                   // LOCK again
        assertThat(fc.read(CR) & 0x80).isNotZero();
    }

    @Test
    public void aWrongKeyLocksTheControllerUntilReset() {
        fc.write(KEYR, 0x1234_5678, 4);
        unlock();
        assertThat(fc.read(CR) & 0x80).isNotZero();
        fc.reset(ResetCause.SOFTWARE);
        unlock();
        assertThat(fc.read(CR) & 0x80).isZero();
    }

    @Test
    public void programmingOnlyClearsBitsAndRefusesANonErasedTargetWithPgerr() {
        unlock();
        program(BASE + 0x100, 0x1234);
        assertThat(mem.u16(0x100)).isEqualTo(0x1234);
        assertThat(fc.read(SR)).isEqualTo(0x20);                 // EOP
        fc.write(SR, 0x20, 4);
        program(BASE + 0x100, 0x1230);                           // would only clear bits: still refused
        assertThat(fc.read(SR) & 0x04).isNotZero();              // PGERR
        assertThat(mem.u16(0x100)).isEqualTo(0x1234);            // nothing written
        fc.write(SR, 0x04, 4);
        program(BASE + 0x100, 0x0000);                           // 0x0000 over anything is allowed
        assertThat(mem.u16(0x100)).isZero();
        assertThat(ledger.operations()).extracting(FlashOperation::outcome).containsExactly(
                FlashOperation.Outcome.COMPLETED, FlashOperation.Outcome.PROGRAM_ERROR, FlashOperation.Outcome.COMPLETED);
    }

    @Test
    public void onlyHalfWordStoresProgram() {
        unlock();
        fc.write(CR, 1, 4);
        assertThatThrownBy(() -> fc.writeMemory(BASE, 0x1234_5678, 4)).isInstanceOf(BusFault.class);
        assertThatThrownBy(() -> fc.writeMemory(BASE, 0x12, 1)).isInstanceOf(BusFault.class);
        assertThat(mem.u32(0)).isEqualTo(0xFFFF_FFFF);
        fc.write(CR, 0, 4);
        fc.writeMemory(BASE, 0x1234, 2);                          // without PG: ignored
        assertThat(mem.u16(0)).isEqualTo(0xFFFF);
    }

    @Test
    public void aPageEraseKeepsBsyForThirtyMillisecondsThenSetsEop() {
        unlock();
        program(BASE + 0x400, 0x0000);
        fc.write(SR, 0x20, 4);
        erasePage(BASE + 0x400);
        assertThat(fc.read(SR) & 1).isEqualTo(1);
        ctx.advance(fc, 29_999 * FakeContext.US);
        assertThat(fc.read(SR) & 1).isEqualTo(1);
        ctx.advance(fc, 1 * FakeContext.US);
        assertThat(fc.read(SR)).isEqualTo(0x20);
        assertThat(mem.u16(0x400)).isEqualTo(0xFFFF);
    }

    @Test
    public void aHalfWordProgramTakesFiftyTwoAndAHalfMicroseconds() {
        unlock();
        fc.write(CR, 1, 4);
        fc.writeMemory(BASE, 0x1111, 2);
        ctx.advance(fc, 52 * FakeContext.US);
        assertThat(fc.read(SR) & 1).isEqualTo(1);
        ctx.advance(fc, FakeContext.US / 2);
        assertThat(fc.read(SR) & 1).isZero();
    }

    @Test
    public void writeProtectedPagesGiveWrprterr() {
        build(~1, 1);                                            // WRP bit 0 clear: pages 0-3 protected
        unlock();
        erasePage(BASE + 0x800);
        assertThat(fc.read(SR) & 0x10).isNotZero();
        fc.write(SR, 0x10, 4);
        program(BASE + 0x1000, 0x1234);                           // page 4: free
        assertThat(mem.u16(0x1000)).isEqualTo(0x1234);
    }

    @Test
    public void aTornProgramLeavesSeededBitsAndReplays() {
        int[] results = new int[3];
        for (int run = 0; run < 3; run++) {
            build(-1, run < 2 ? 42 : 43);
            unlock();
            ledger.arm(PowerCut.duringFlashOp(0, 0.5));
            fc.write(CR, 1, 4);
            fc.writeMemory(BASE, 0x0000, 2);
            results[run] = mem.u16(0);
            assertThat(ledger.operations().get(0).outcome()).isEqualTo(FlashOperation.Outcome.TORN);
            assertThat(ctx.cuts).containsExactly((long) (F1FlashController.PROGRAM_PS * 0.5));
        }
        assertThat(results[0]).isEqualTo(results[1]).isNotIn(0x0000, 0xFFFF);
        assertThat(results[2]).isNotEqualTo(results[0]);
    }

    @Test
    public void anUnplannedPowerLossTearsTheBusyErase() {
        unlock();
        program(BASE, 0x0000);
        erasePage(BASE);
        ctx.now += 15 * FakeContext.MS;
        fc.powerLost(ctx.now);
        assertThat(mem.u16(0)).isNotIn(0xFFFF);
        assertThat(ledger.operations().get(1).outcome()).isEqualTo(FlashOperation.Outcome.TORN);
    }
}
