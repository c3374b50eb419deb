package dev.brickproof.emulator.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.cpu.BusFault;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** F1 option-byte erase/program (PM0075 §2.5) and their effect at the next reset. */
public class F1OptionBytesTest {
    private static final int SR = 0x0C, CR = 0x10, KEYR = 0x04, OPTKEYR = 0x08, AR = 0x14, OBR = 0x1C, WRPR = 0x20;
    private static final int OPTPG = 1 << 4, OPTER = 1 << 5, STRT = 1 << 6, OPTWRE = 1 << 9;
    private FakeContext ctx;
    private OptionBytes options;
    private F1FlashController fc;
    private int imageRefreshes;

    @BeforeMethod
    public void setUp() {
        ctx = new FakeContext();
        options = new OptionBytes();
        fc = new F1FlashController(ctx, new FlashMemory(0x0800_0000, 64 * 1024, 1024), new FlashLedger(1), options);
        imageRefreshes = 0;
        fc.onOptionBytesChanged(() -> imageRefreshes++);
        fc.reset(ResetCause.POWER_ON);
        fc.write(KEYR, 0x4567_0123, 4);
        fc.write(KEYR, 0xCDEF_89AB, 4);
    }

    private void optionKeys() {
        fc.write(OPTKEYR, 0x4567_0123, 4);
        fc.write(OPTKEYR, 0xCDEF_89AB, 4);
    }

    private void programOption(int address, int value) {
        fc.write(CR, OPTPG | OPTWRE, 4);
        fc.writeOptionBytes(address, value, 2);
        ctx.advance(fc, 60 * FakeContext.US);
        fc.write(CR, OPTWRE, 4);
    }

    @Test
    public void eraseSetsReadProtectionFromTheNextResetUnlessRdpIsReprogrammed() {
        assertThat(fc.read(OBR)).isEqualTo(0x03FF_FFFC);             // factory: RDPRT clear
        optionKeys();
        assertThat(fc.read(CR) & OPTWRE).isEqualTo(OPTWRE);
        fc.write(CR, OPTER | OPTWRE, 4);
        fc.write(CR, OPTER | STRT | OPTWRE, 4);
        assertThat(fc.isBusy()).isTrue();
        ctx.advance(fc, 30 * FakeContext.MS);
        assertThat(fc.read(SR) & 1 << 5).isNotZero();                // EOP
        assertThat(options.f1Rdp).isEqualTo(0xFF);
        assertThat(imageRefreshes).isEqualTo(1);
        assertThat(fc.read(OBR) & 2).isZero();                       // OBR changes only at reset
        fc.reset(ResetCause.PIN);
        assertThat(fc.read(OBR) & 2).isEqualTo(2);                   // RDPRT
        assertThat(fc.readProtected()).isTrue();
        fc.write(KEYR, 0x4567_0123, 4);
        fc.write(KEYR, 0xCDEF_89AB, 4);
        optionKeys();
        programOption(0x1FFF_F800, 0x00A5);
        assertThat(options.f1Rdp).isEqualTo(0xA5);
        fc.reset(ResetCause.SOFTWARE);
        assertThat(fc.readProtected()).isFalse();
    }

    @Test
    public void aProgrammedWrpByteProtectsPagesAfterReset() {
        optionKeys();
        fc.write(CR, OPTER | OPTWRE, 4);
        fc.write(CR, OPTER | STRT | OPTWRE, 4);
        ctx.advance(fc, 30 * FakeContext.MS);
        programOption(0x1FFF_F800, 0x00A5);
        programOption(0x1FFF_F808, 0x00FE);                          // WRP0 bit 0: pages 0..3
        assertThat(fc.read(WRPR)).isEqualTo(-1);                     // not yet
        fc.reset(ResetCause.PIN);
        assertThat(fc.read(WRPR)).isEqualTo(0xFFFF_FFFE);
        fc.write(KEYR, 0x4567_0123, 4);
        fc.write(KEYR, 0xCDEF_89AB, 4);
        fc.write(CR, 2, 4);
        fc.write(AR, 0x0800_0400, 4);
        fc.write(CR, 2 | STRT, 4);
        assertThat(fc.read(SR) & 1 << 4).isNotZero();                // WRPRTERR
    }

    @Test
    public void programmingNeedsOptwreAndAnErasedByte() {
        fc.write(CR, OPTPG, 4);                                      // no OPTKEYR: OPTWRE clear
        fc.writeOptionBytes(0x1FFF_F802, 0x00FE, 2);
        assertThat(options.f1User).isEqualTo(0xFF);
        assertThat(ctx.events).anyMatch(e -> e.contains("without FLASH_CR.OPTPG"));
        optionKeys();
        programOption(0x1FFF_F802, 0x00FE);                          // USER: WDG_SW = 0
        assertThat(options.f1User).isEqualTo(0xFE);
        programOption(0x1FFF_F802, 0x00FC);                          // not erased: PGERR
        assertThat(fc.read(SR) & 1 << 2).isNotZero();
        assertThat(options.f1User).isEqualTo(0xFE);
        fc.write(CR, OPTPG | OPTWRE, 4);
        assertThatThrownBy(() -> fc.writeOptionBytes(0x1FFF_F804, 0x12, 1)).isInstanceOf(BusFault.class);
    }

    @Test
    public void theBoardShowsProgrammedOptionBytesInMemoryAtOnce() {
        Stm32Board b = new Stm32Board(BoardOptions.of(Chip.STM32F103C8));
        b.setPower(true);
        SocBus bus = b.bus();
        int flash = 0x4002_2000;
        bus.write32(flash + KEYR, 0x4567_0123);
        bus.write32(flash + KEYR, 0xCDEF_89AB);
        bus.write32(flash + OPTKEYR, 0x4567_0123);
        bus.write32(flash + OPTKEYR, 0xCDEF_89AB);
        bus.write32(flash + CR, OPTPG | OPTWRE);
        bus.write16(0x1FFF_F804, 0x0012);                            // Data0
        assertThat(bus.read16(0x1FFF_F804)).isEqualTo(0xED12);       // value + complement
        b.runFor(java.time.Duration.ofMillis(1));
        bus.write16(0x1FFF_F802, 0x00FE);                            // USER.WDG_SW = 0: hardware watchdog
        b.runFor(java.time.Duration.ofMillis(1));
        b.setPower(false);
        b.setPower(true);
        assertThat(bus.read32(flash + OBR) >>> 10 & 0xFF).isEqualTo(0x12);
        b.runFor(java.time.Duration.ofMillis(500));                  // 4096 x 4 / 40 kHz = 410 ms
        assertThat(b.report().events()).anyMatch(e -> e.kind().equals("iwdg-reset"));
        Stm32Board l4 = new Stm32Board(BoardOptions.of(Chip.STM32L431RC));
        l4.setPower(true);
        assertThatThrownBy(() -> l4.bus().write32(0x1FFF_7800, 0)).isInstanceOf(BusFault.class)
                .hasMessageContaining("FLASH_OPTR");
    }
}
