package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.emulator.cpu.BusFault;
import dev.brickproof.emulator.soc.SocBus;
import dev.brickproof.emulator.soc.Stm32Board;
import org.testng.annotations.Test;

/** Memory map, identification registers, bit-banding, boot-space selection and unmodelled addresses. */
public class MemoryMapTest {

    private static Stm32Board board(Chip chip) {
        return (Stm32Board) EmulatedBoard.create(BoardOptions.of(chip));
    }

    @Test
    public void identificationRegistersMatchTheFactSheet() {
        Stm32Board f1 = board(Chip.STM32F103C8);
        assertThat(f1.bus().read16(0x1FFF_F7E0)).isEqualTo(64);
        assertThat(f1.bus().read32(0x1FFF_F000)).isEqualTo(0x2000_01FC);
        assertThat(f1.bus().read32(0x1FFF_F004)).isEqualTo(0x1FFF_F021);
        assertThat(f1.bus().read32(0xE004_2000) & 0xFFF).isEqualTo(0x410);
        assertThat(f1.bus().read8(0x1FFF_F800)).isEqualTo(0xA5);                 // RDP level 0
        Stm32Board l4 = board(Chip.STM32L431RC);
        assertThat(l4.bus().read16(0x1FFF_75E0)).isEqualTo(256);
        assertThat(l4.bus().read32(0xE004_2000) & 0xFFF).isEqualTo(0x435);
        assertThat(l4.bus().read32(0x1FFF_7800)).isEqualTo(0xFFEF_F8AA);           // OPTR image
        assertThat(l4.readMemory(0x1FFF_7590, 12)).isEqualTo(board(Chip.STM32L431RC).readMemory(0x1FFF_7590, 12));
    }

    @Test
    public void sramSizesAndTheL4Sram2AliasAreMapped() {
        Stm32Board f1 = board(Chip.STM32F103C8);
        f1.bus().write32(0x2000_4FFC, 0x1234_5678);
        assertThat(f1.bus().read32(0x2000_4FFC)).isEqualTo(0x1234_5678);
        assertThatThrownBy(() -> f1.bus().read32(0x2000_5000)).isInstanceOf(BusFault.class);
        Stm32Board l4 = board(Chip.STM32L431RC);
        l4.bus().write32(0x1000_0010, 0xCAFE_F00D);
        assertThat(l4.bus().read32(0x2000_C010)).isEqualTo(0xCAFE_F00D);
        assertThatThrownBy(() -> l4.bus().read32(0x2001_0000)).isInstanceOf(BusFault.class);
    }

    @Test
    public void bitBandAliasesReachSramAndPeripheralBits() {
        Stm32Board f1 = board(Chip.STM32F103C8);
        f1.bus().write32(0x2000_0100, 0);
        f1.bus().write32(0x2200_0000 + 0x100 * 32 + 5 * 4, 1);
        assertThat(f1.bus().read32(0x2000_0100)).isEqualTo(1 << 5);
        assertThat(f1.bus().read32(0x2200_0000 + 0x100 * 32 + 5 * 4)).isEqualTo(1);
        // GPIOC ODR bit 13 through the peripheral bit-band region
        int odr = 0x4001_100C;
        f1.bus().write32(0x4200_0000 + (odr - 0x4000_0000) * 32 + 13 * 4, 1);
        assertThat(f1.bus().read32(odr)).isEqualTo(1 << 13);
    }

    @Test
    public void unmodelledPeripheralsAreLenientAndListedOnceOrStrict() {
        Stm32Board lenient = board(Chip.STM32F103C8);
        assertThat(lenient.bus().read32(0x4000_0000)).isZero();                   // TIM2: not modelled
        lenient.bus().write32(0x4000_0000, 5);
        lenient.bus().read32(0x4000_0000);
        assertThat(lenient.report().unmodelledAddresses()).containsExactly(0x4000_0000);
        Stm32Board strict = (Stm32Board) EmulatedBoard.create(BoardOptions.of(Chip.STM32F103C8).withStrictPeripherals(true));
        assertThatThrownBy(() -> strict.bus().read32(0x4000_0000)).isInstanceOf(BusFault.class);
    }

    @Test
    public void l4OptionBytesCanSelectSystemMemoryOrSramWithoutThePin() {
        Stm32Board rom = board(Chip.STM32L431RC);
        rom.programFlash(0x0800_0000, TestBoard.firmware("soctest", Chip.STM32L431RC));
        rom.optionBytes().l4Optr &= ~(1 << 26 | 1 << 27);                         // nSWBOOT0 = 0, nBOOT0 = 0
        rom.setPower(true);
        assertThat(rom.bus().bootSpace()).isEqualTo(SocBus.BootSpace.SYSTEM_MEMORY);
        Stm32Board sram = board(Chip.STM32L431RC);
        sram.programFlash(0x0800_0000, TestBoard.firmware("soctest", Chip.STM32L431RC));
        sram.optionBytes().l4Optr &= ~(1 << 23);                                  // nBOOT1 = 0
        sram.setBoot0(true);
        sram.setPower(true);
        assertThat(sram.bus().bootSpace()).isEqualTo(SocBus.BootSpace.SRAM);
        Stm32Board pin = board(Chip.STM32L431RC);
        pin.programFlash(0x0800_0000, TestBoard.firmware("soctest", Chip.STM32L431RC));
        pin.setBoot0(true);
        pin.setPower(true);
        assertThat(pin.bus().bootSpace()).isEqualTo(SocBus.BootSpace.SYSTEM_MEMORY);
        assertThat(pin.bus().read32(0x4800_1C10) & 1 << 3).isNotZero();          // PH3 reads the BOOT0 level
    }

    @Test
    public void flashIsAliasedAtZeroWhenBootingFromFlash() {
        Stm32Board f1 = board(Chip.STM32F103C8);
        byte[] image = TestBoard.firmware("soctest", Chip.STM32F103C8);
        f1.programFlash(0x0800_0000, image);
        f1.setPower(true);
        assertThat(f1.bus().read32(0)).isEqualTo(f1.bus().read32(0x0800_0000));
        assertThat(f1.bus().read32(4)).isEqualTo(f1.bus().read32(0x0800_0004));
    }
}
