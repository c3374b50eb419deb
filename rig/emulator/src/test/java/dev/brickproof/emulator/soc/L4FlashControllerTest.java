package dev.brickproof.emulator.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.api.FlashOperation;
import dev.brickproof.api.PowerCut;
import dev.brickproof.emulator.cpu.BusFault;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** L4 double-word + ECC flash rules through its registers (fact sheet §1.3-1.4). */
public class L4FlashControllerTest {
    private static final int BASE = 0x0800_0000;
    private static final int KEYR = 0x08, SR = 0x10, CR = 0x14, ECCR = 0x18, OPTR = 0x20;
    private static final int PROGERR = 1 << 3, PGAERR = 1 << 5, SIZERR = 1 << 6, PGSERR = 1 << 7, BSY = 1 << 16;
    private FakeContext ctx;
    private FlashMemory mem;
    private FlashLedger ledger;
    private L4FlashController fc;
    private OptionBytes options;

    @BeforeMethod
    public void setUp() {
        ctx = new FakeContext();
        mem = new FlashMemory(BASE, 256 * 1024, 2048);
        ledger = new FlashLedger(5);
        options = new OptionBytes();
        fc = new L4FlashController(ctx, mem, ledger, options);
        fc.reset(ResetCause.POWER_ON);
        fc.write(KEYR, 0x4567_0123, 4);
        fc.write(KEYR, 0xCDEF_89AB, 4);
    }

    private int programDw(int address, int lo, int hi) {
        fc.write(CR, 1, 4);
        fc.writeMemory(address, lo, 4);
        fc.writeMemory(address + 4, hi, 4);
        ctx.advance(fc, 100 * FakeContext.US);
        fc.write(CR, 0, 4);
        int sr = fc.read(SR);
        fc.write(SR, sr, 4);
        return sr & 0xFFFF;
    }

    @Test
    public void resetStateIsLockedWithFactoryOptionBytesAndEmptyFlag() {
        FlashMemory fresh = new FlashMemory(BASE, 256 * 1024, 2048);
        L4FlashController c = new L4FlashController(ctx, fresh, ledger, new OptionBytes());
        c.reset(ResetCause.POWER_ON);
        assertThat(c.read(CR)).isEqualTo(0xC000_0000);
        assertThat(c.read(OPTR)).isEqualTo(0xFFEF_F8AA);
        assertThat(c.read(SR) & 1 << 17).isNotZero();                     // PEMPTY
    }

    @Test
    public void aWrongKeyIsABusErrorAndLocksUntilReset() {
        L4FlashController c = new L4FlashController(ctx, mem, ledger, options);
        assertThatThrownBy(() -> c.write(KEYR, 0x1111_1111, 4)).isInstanceOf(BusFault.class);
        assertThatThrownBy(() -> c.write(KEYR, 0x4567_0123, 4)).isInstanceOf(BusFault.class);
        c.reset(ResetCause.SOFTWARE);
        c.write(KEYR, 0x4567_0123, 4);
        c.write(KEYR, 0xCDEF_89AB, 4);
        assertThat(c.read(CR) & 1 << 31).isZero();
    }

    @Test
    public void aDoubleWordIsTwoWordStoresAndTakesItsProgramTime() {
        fc.write(CR, 1, 4);
        fc.writeMemory(BASE + 8, 0x1122_3344, 4);
        assertThat(mem.u32(8)).isEqualTo(0xFFFF_FFFF);                     // nothing until the second word
        fc.writeMemory(BASE + 12, 0x5566_7788, 4);
        assertThat(fc.read(SR) & BSY).isNotZero();
        ctx.advance(fc, 81 * FakeContext.US);
        assertThat(fc.read(SR) & BSY).isNotZero();
        ctx.advance(fc, FakeContext.US);
        assertThat(fc.read(SR) & BSY).isZero();
        assertThat(mem.u64(8)).isEqualTo(0x5566_7788_1122_3344L);
    }

    @Test
    public void byteAndHalfWordStoresGiveSizerr() {
        fc.write(CR, 1, 4);
        fc.writeMemory(BASE, 0x12, 1);
        assertThat(fc.read(SR) & SIZERR).isNotZero();
        fc.write(SR, SIZERR, 4);
        fc.writeMemory(BASE, 0x1234, 2);
        assertThat(fc.read(SR) & SIZERR).isNotZero();
        assertThat(mem.u64(0)).isEqualTo(-1L);
    }

    @Test
    public void misalignedOrOutOfSequenceWordsGivePgaerr() {
        assertThat(programDw(BASE + 4, 0, 0) & PGAERR).isNotZero();        // first word not 8-aligned
        fc.write(CR, 1, 4);
        fc.writeMemory(BASE + 16, 1, 4);
        fc.writeMemory(BASE + 24, 2, 4);                                  // second word elsewhere
        assertThat(fc.read(SR) & PGAERR).isNotZero();
        assertThat(mem.u64(16)).isEqualTo(-1L);
    }

    @Test
    public void storesWithoutPgOrWithAnUnclearedErrorGivePgserr() {
        fc.writeMemory(BASE, 1, 4);
        assertThat(fc.read(SR) & PGSERR).isNotZero();
        fc.write(CR, 1, 4);
        fc.writeMemory(BASE, 1, 4);                                       // PGSERR still pending
        fc.writeMemory(BASE + 4, 2, 4);
        assertThat(mem.u64(0)).isEqualTo(-1L);
        assertThat(ledger.operations()).allMatch(op -> op.outcome() == FlashOperation.Outcome.SEQUENCE_ERROR);
    }

    @Test
    public void aUsedDoubleWordRefusesEverythingButZeros() {
        assertThat(programDw(BASE, 0xFFFF_FFFF, 0xFFFF_FFFF)).isZero();     // all-ones still uses it
        assertThat(programDw(BASE, 0x1234_5678, 0x9ABC_DEF0) & PROGERR).isNotZero();
        assertThat(mem.u64(0)).isEqualTo(-1L);
        assertThat(programDw(BASE, 0, 0)).isZero();
        assertThat(mem.u64(0)).isZero();
    }

    @Test
    public void aPageEraseFreesItsDoubleWords() {
        programDw(BASE + 2048, 1, 2);
        fc.write(CR, 1 << 1 | 1 << 3, 4);                                  // PER, page 1
        fc.write(CR, 1 << 1 | 1 << 3 | 1 << 16, 4);
        ctx.advance(fc, 22 * FakeContext.MS);
        assertThat(fc.read(SR) & BSY).isZero();
        assertThat(mem.u64(2048)).isEqualTo(-1L);
        assertThat(programDw(BASE + 2048, 3, 4)).isZero();
    }

    @Test
    public void aTornDoubleWordIsAnEccErrorUntilErased() {
        ledger.arm(PowerCut.duringFlashOp(0, 0.3));
        fc.write(CR, 1, 4);
        fc.writeMemory(BASE + 0x40, 0, 4);
        fc.writeMemory(BASE + 0x44, 0, 4);
        assertThat(mem.isEccBad(0x40 / 8)).isTrue();
        assertThat(mem.anyEccBad()).isTrue();
        fc.eccError(BASE + 0x44);
        assertThat(ctx.nmis).isEqualTo(1);
        assertThat(fc.read(ECCR)).isEqualTo(0x8000_0040);                  // ECCD | ADDR_ECC
        fc.write(ECCR, 1 << 31, 4);
        assertThat(fc.read(ECCR) & 1 << 31).isZero();                     // ECCD cleared, address kept
        fc.write(SR, 0xFFFF, 4);
        fc.write(CR, 1 << 1, 4);                                           // PER, page 0
        fc.write(CR, 1 << 1 | 1 << 16, 4);
        ctx.advance(fc, 22 * FakeContext.MS);
        assertThat(mem.anyEccBad()).isFalse();
        assertThat(programDw(BASE + 0x40, 5, 6)).isZero();
    }
}
