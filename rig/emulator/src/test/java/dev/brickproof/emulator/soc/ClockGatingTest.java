package dev.brickproof.emulator.soc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import org.testng.annotations.Test;

/** RCC clock enables gate peripherals, RCC reset registers reset them, L4 CCIPR picks USART1's clock. */
public class ClockGatingTest {
    private static final int RCC = 0x4002_1000;
    private static final int CRC_DR = 0x4002_3000;
    private static final int USART1 = 0x4001_3800;

    private static Stm32Board board(Chip chip) {
        Stm32Board b = new Stm32Board(BoardOptions.of(chip));
        b.setPower(true);
        return b;
    }

    @Test
    public void f1CrcAnswersOnlyWithCrcenAndKeepsItsValueWhileGated() {
        SocBus bus = board(Chip.STM32F103C8).bus();
        assertThat(bus.read32(RCC + 0x14)).isEqualTo(0x14);         // AHBENR reset: SRAM + FLITF only
        bus.write32(CRC_DR, 0x1234_5678);                            // clock off: ignored
        assertThat(bus.read32(CRC_DR)).isZero();                     // and reads 0
        bus.write32(RCC + 0x14, 0x14 | 1 << 6);                      // CRCEN
        assertThat(bus.read32(CRC_DR)).isEqualTo(0xFFFF_FFFF);       // the ignored write left the reset value
        bus.write32(CRC_DR, 0x1234_5678);
        int crc = bus.read32(CRC_DR);
        assertThat(crc).isNotEqualTo(0xFFFF_FFFF);
        bus.write32(RCC + 0x14, 0x14);
        assertThat(bus.read32(CRC_DR)).isZero();
        bus.write32(RCC + 0x14, 0x14 | 1 << 6);
        assertThat(bus.read32(CRC_DR)).isEqualTo(crc);               // gating stops the clock, it does not reset
    }

    @Test
    public void l4CrcIsGatedByAhb1enrAndResetByAhb1rstr() {
        SocBus bus = board(Chip.STM32L431RC).bus();
        assertThat(bus.read32(CRC_DR + 0x14)).isZero();              // POL reads 0 with the clock off
        bus.write32(RCC + 0x48, 0x100 | 1 << 12);                    // CRCEN
        assertThat(bus.read32(CRC_DR + 0x14)).isEqualTo(0x04C1_1DB7);
        bus.write32(CRC_DR + 0x14, 0x1021);
        bus.write32(RCC + 0x28, 1 << 12);                            // CRCRST held
        bus.write32(CRC_DR + 0x14, 0x8005);                          // ignored while held in reset
        assertThat(bus.read32(CRC_DR + 0x14)).isEqualTo(0x04C1_1DB7);
        bus.write32(RCC + 0x28, 0);
        bus.write32(CRC_DR + 0x14, 0x8005);
        assertThat(bus.read32(CRC_DR + 0x14)).isEqualTo(0x8005);
    }

    @Test
    public void f1Apb2rstrResetsAConfiguredUsart1AndGpio() {
        SocBus bus = board(Chip.STM32F103C8).bus();
        bus.write32(RCC + 0x18, 1 << 14 | 1 << 2);                   // USART1EN, IOPAEN
        bus.write32(USART1 + 0x08, 0x45);                            // BRR
        bus.write32(USART1 + 0x0C, 1 << 13 | 1 << 3);                // UE TE
        bus.write32(0x4001_0804, 0x4444_44B4);                       // GPIOA_CRH: PA9 AF push-pull
        bus.write32(RCC + 0x0C, 1 << 14);                            // USART1RST only
        bus.write32(RCC + 0x0C, 0);
        assertThat(bus.read32(USART1 + 0x08)).isZero();
        assertThat(bus.read32(USART1 + 0x0C)).isZero();
        assertThat(bus.read32(0x4001_0804)).isEqualTo(0x4444_44B4); // GPIOA untouched
        bus.write32(RCC + 0x0C, 1 << 2);                             // IOPARST
        bus.write32(RCC + 0x0C, 0);
        assertThat(bus.read32(0x4001_0804)).isEqualTo(0x4444_4444);
    }

    @Test
    public void f1GpioAndAfioIgnoreWritesWithoutTheirClocks() {
        SocBus bus = board(Chip.STM32F103C8).bus();
        bus.write32(0x4001_0004, 1 << 2);                            // AFIO_MAPR, AFIOEN off
        bus.write32(0x4001_1004, 0x4424_4444);                       // GPIOC_CRH, IOPCEN off
        bus.write32(RCC + 0x18, 1 | 1 << 4);
        assertThat(bus.read32(0x4001_0004)).isZero();
        assertThat(bus.read32(0x4001_1004)).isEqualTo(0x4444_4444);
        bus.write32(0x4001_0004, 1 << 2);
        assertThat(bus.read32(0x4001_0004)).isEqualTo(1 << 2);
        bus.write32(RCC + 0x0C, 1);                                  // AFIORST
        bus.write32(RCC + 0x0C, 0);
        assertThat(bus.read32(0x4001_0004)).isZero();
    }

    @Test
    public void l4DeInitStyleResetOfEveryBusResetsUsart1GpioAndSyscfg() {
        SocBus bus = board(Chip.STM32L431RC).bus();
        bus.write32(RCC + 0x60, 1 << 14 | 1);                        // USART1EN SYSCFGEN
        bus.write32(RCC + 0x4C, 1);                                  // GPIOAEN
        bus.write32(USART1 + 0x0C, 35);
        bus.write32(0x4001_0008, 0x5);                               // SYSCFG_EXTICR1
        bus.write32(0x4800_0000, 0xABFF_FFF0);                       // GPIOA_MODER
        for (int rstr : new int[] {0x28, 0x2C, 0x30, 0x38, 0x3C, 0x40}) {
            bus.write32(RCC + rstr, -1);                             // HAL_DeInit: force, then release
            bus.write32(RCC + rstr, 0);
        }
        assertThat(bus.read32(USART1 + 0x0C)).isZero();
        assertThat(bus.read32(0x4001_0008)).isZero();
        assertThat(bus.read32(0x4800_0000)).isEqualTo(0xABFF_FFFF);
    }

    @Test
    public void l4Usart1KernelClockFollowsCcipr() {
        Rcc rcc = new Rcc(SocFamily.L4, () -> { });
        assertThat(rcc.usart1KernelHz()).isEqualTo(4_000_000);      // PCLK2 = MSI 4 MHz
        rcc.write(0x88, 1, 4);                                       // SYSCLK
        assertThat(rcc.usart1KernelHz()).isEqualTo(4_000_000);
        rcc.write(0x0C, 1 | 40 << 8 | 1 << 24, 4);
        rcc.write(0x00, rcc.read(0x00) | 1 << 24, 4);
        rcc.write(0x08, 3 | 4 << 11, 4);                             // PLL 80 MHz, APB2 /2
        assertThat(rcc.usart1KernelHz()).isEqualTo(80_000_000);
        rcc.write(0x88, 0, 4);
        assertThat(rcc.usart1KernelHz()).isEqualTo(40_000_000);
        rcc.write(0x88, 2, 4);                                       // HSI16, but HSI is off
        assertThat(rcc.usart1KernelHz()).isZero();
        rcc.write(0x00, rcc.read(0x00) | 1 << 8, 4);
        assertThat(rcc.usart1KernelHz()).isEqualTo(16_000_000);
        rcc.write(0x88, 3, 4);                                       // LSE, off
        assertThat(rcc.usart1KernelHz()).isZero();
        rcc.write(0x90, 1, 4);                                       // LSEON → LSERDY
        assertThat(rcc.read(0x90) & 2).isEqualTo(2);
        assertThat(rcc.usart1KernelHz()).isEqualTo(32_768);
        rcc.reset(ResetCause.SOFTWARE);
        assertThat(rcc.read(0x90) & 3).isEqualTo(3);                 // backup domain survives a system reset
        rcc.reset(ResetCause.POWER_ON);
        assertThat(rcc.read(0x90)).isZero();
    }

    @Test
    public void f1Usart1ClockIsPclk2() {
        Rcc rcc = new Rcc(SocFamily.F1, () -> { });
        rcc.write(0x04, 4 << 11, 4);                                 // APB2 /2
        assertThat(rcc.usart1KernelHz()).isEqualTo(4_000_000);
    }
}
