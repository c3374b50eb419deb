package dev.brickproof.emulator.soc;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.BoardStatus;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.api.FlashOperation;
import dev.brickproof.api.PowerCut;
import dev.brickproof.emulator.RunReport;
import dev.brickproof.emulator.Uart;
import dev.brickproof.emulator.cpu.CoreSnapshot;
import dev.brickproof.emulator.cpu.CoreState;
import dev.brickproof.emulator.cpu.CortexM;
import dev.brickproof.emulator.rom.RomBootloader;
import dev.brickproof.emulator.rom.RomTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * An STM32F103C8 or STM32L431RC board: {@link CortexM} core, {@link SocBus}, flash controller, USART1, GPIO,
 * RCC, IWDG, the ROM loader seam, power/NRST/BOOT wires and the virtual clock. See rig/emulator/EMULATOR.md.
 *
 * <h2>Time</h2>
 * Virtual time is kept in picoseconds. While the core runs, time = cycles / HCLK (the RCC decides HCLK;
 * a clock switch starts a new epoch, remainders carried so nothing drifts). The core runs in chunks of at most
 * {@value #CHUNK_CYCLES} cycles, each ending no later than the next peripheral event, so interrupts are taken
 * within one chunk of their cause; peripheral registers are brought up to the exact current cycle before
 * every access. When nothing can execute (WFI/WFE, a detected status-polling loop, flash busy, ROM loader
 * waiting, lock-up, power off) time jumps to the next event.
 *
 * <p>Not thread-safe: one thread drives it (the caller in lockstep, or a {@link dev.brickproof.emulator.RealTimeRunner}).
 */
public final class Stm32Board implements EmulatedBoard, RomTarget, SocContext {
    static final long CHUNK_CYCLES = 1_000;
    /**
     * After a polling loop was fast-forwarded, the core resumes in chunks this short (at most
     * {@value #RESUME_CHUNKS} of them), so a loop that goes straight back to polling is skipped again within a few
     * dozen cycles instead of running out a whole chunk: the core cannot be stopped inside one.
     */
    static final long RESUME_CHUNK_CYCLES = 48;
    static final int RESUME_CHUNKS = 24;
    static final int USART1_IRQ = 37;

    private final BoardOptions options;
    private final Chip chip;
    private final SocFamily family;
    private final FlashLedger ledger;
    private final FlashMemory flash;
    private final OptionBytes optionBytes = new OptionBytes();
    private final byte[] sram;
    private final SocBus bus;
    private final FlashController flashController;
    private final Rcc rcc;
    private final Usart usart1;
    private final Crc crc;
    private final Dma dma;
    private final Exti exti;
    private final UartWire wire = new UartWire();
    private final Iwdg iwdg;
    private final Map<Character, Gpio> gpios = new LinkedHashMap<>();
    private final PeripheralEvents timed = new PeripheralEvents();
    private final CortexM core;
    private final VirtualClock clock;
    private final RomBootloader rom;
    private final List<GpioListener> gpioListeners = new CopyOnWriteArrayList<>();

    /** Everything below is board state that a snapshot copies. */
    private boolean powered;
    private boolean resetAsserted;
    private boolean boot0;
    private boolean romMode;
    private boolean romBroken;
    private boolean pollIdle;
    private boolean deepSleepReported;
    private boolean holdHostInput;
    private int shortChunks;
    private long cutAtPs = Long.MAX_VALUE;
    /** True while a {@link PowerCut.Trigger#AFTER_TIME} cut is armed and has not fired. */
    private boolean timeCutArmed;
    private String cutWhy;
    private PowerCut instructionCut;
    private long instructionCutAt;
    private boolean cutFired;
    private ResetCause pendingReset;
    private boolean frozen;
    private boolean attention;
    private BoardStatus lastStatus = BoardStatus.OFF;
    private long powerOnCount;
    private final boolean[] irqLevel = new boolean[96];
    private List<RunReport.Event> events = new ArrayList<>();

    // poll-loop detection
    private final PollHistory polls = new PollHistory();
    /** Stores counted at the latest status poll (a store after it means the loop has moved on). */
    private long pollStores;

    public Stm32Board(BoardOptions options) {
        this.options = options;
        this.chip = options.chip();
        this.family = SocFamily.of(chip);
        this.ledger = new FlashLedger(options.seed());
        this.flash = new FlashMemory(chip.flashBase(), chip.flashSize(), chip.pageSize());
        this.sram = new byte[family.sramBytes(chip)];
        byte[] system = ChipParts.systemImage(chip, options.seed());
        this.flashController = switch (family) {
            case L4 -> new L4FlashController(this, flash, ledger, optionBytes);
            case F1 -> new F1FlashController(this, flash, ledger, optionBytes);
        };
        this.bus = new SocBus(flash, flashController, sram, chip.sramBase(),
                family.sram2Alias(), family.sram1Bytes(), family.sram2Bytes(), system, chip.systemMemoryBase());
        this.rcc = new Rcc(family, this::clockChanged);
        this.usart1 = new Usart("USART1", 0x4001_3800, family.usartLayout(), USART1_IRQ, this,
                rcc::usart1KernelHz, wire, options.baudRate());
        this.crc = new Crc(family);
        this.dma = ChipParts.dma1(chip, this, usart1);
        // USER.WDG_SW (F1, loaded at every reset) / OPTR.IWDG_SW (L4, as loaded at power-on or OBL launch)
        this.iwdg = new Iwdg(this, family.lsiHz(), flashController::hardwareWatchdog);
        bus.add(rcc);
        bus.add(flashController);
        bus.add(usart1);
        bus.add(iwdg);
        bus.add(crc);
        bus.add(dma);
        dma.setMaster(new Dma.Master() {
            @Override
            public int read(int address, int width) {
                return bus.dmaRead(address, width);
            }

            @Override
            public void write(int address, int value, int width) {
                bus.dmaWrite(address, value, width);
                if (bus.isRam(address, width)) {
                    core.invalidateCode(address, width); // behind the core's back, like the ROM loader's writes
                }
            }
        });
        dma.setClockRunning(() -> rcc.clocked(dma) && !rcc.heldInReset(dma));
        rcc.onGateChange(dma::requestChanged);
        for (char p : family.gpioPorts()) {
            Gpio g = new Gpio(p, family.gpioBase(p), family);
            g.setListener(this::outputChanged);
            gpios.put(p, g);
            bus.add(g);
        }
        Map<String, RegisterFile> plain = ChipParts.plainBlocks(chip);
        plain.values().forEach(bus::add);
        RegisterFile exticrs = plain.get(family.exticrBlock());
        this.exti = new Exti(family, this, this::pinLevel, i -> exticrs.read(0x08 + 4 * i));
        bus.add(exti);
        gpios.values().forEach(g -> g.setLevelListener(exti::sample));
        usart1.setHostPins(new ConsolePins(family, gpios.get('A'), gpios.get('B'), plain.get("AFIO")));
        List<TimeBaseTimer> timers = ChipParts.timers(chip, this, rcc);
        timers.forEach(t -> {
            bus.add(t);
            timed.add(t);
        });
        ChipParts.gateClocks(chip, rcc, usart1, crc, dma, gpios, plain, timers);
        bus.setClockGate(rcc);
        timed.add(flashController);
        timed.add(usart1);
        timed.add(iwdg);
        bus.setOptionBytesWindow(chip.systemMemoryBase() + family.optionBytesOffset(), 16);
        flashController.onOptionBytesChanged(this::refreshOptionImage);
        bus.setStrict(options.strictPeripherals());
        bus.setPollListener(this::polled);
        bus.setPeripheralAccessHook(this::sync);
        ledger.setCutSink(this::cutAt);
        usart1.setRomSink(this::romReceived);
        wire.onTransmit(b -> attention = true); // runUntil re-checks its condition after every byte
        this.core = new CortexM(bus, chip.isCortexM4());
        core.setBlockTranslation(options.blockTranslation());
        core.setFaultListener((kind, pc, detail) -> {
            event(kind, String.format("PC=0x%08X %s", pc, detail));
            attention = true;
        });
        this.rom = new RomBootloader(this);
        this.clock = new VirtualClock(core::cycles, rcc.hclkHz());
        refreshOptionImage();
    }

    // =================================================================================================
    // Identity, provisioning
    // =================================================================================================

    @Override
    public Chip chip() {
        return chip;
    }

    @Override
    public BoardOptions options() {
        return options;
    }

    /** The core, for tests and forensics (registers, VTOR, fault status). */
    public CortexM core() {
        return core;
    }

    public SocBus bus() {
        return bus;
    }

    public FlashController flashController() {
        return flashController;
    }

    /** Persistent option bytes (write protection, L4 OPTR): edit, then power-cycle to load them. */
    public OptionBytes optionBytes() {
        return optionBytes;
    }

    @Override
    public void startFlashFootprint() {
        flash.startFootprint();
    }

    @Override
    public dev.brickproof.api.FlashFootprint stopFlashFootprint() {
        return flash.stopFootprint();
    }

    @Override
    public void programFlash(int address, byte[] data) {
        if (!chip.containsFlash(address) || !chip.containsFlash(address + data.length - 1L)) {
            throw new IllegalArgumentException(String.format("[0x%08X, +%d) is not inside main flash", address, data.length));
        }
        int off = address - flash.base;
        int first = off / flash.pageSize * flash.pageSize;
        int end = (off + data.length + flash.pageSize - 1) / flash.pageSize * flash.pageSize;
        flash.erase(first, end - first);
        System.arraycopy(data, 0, flash.data, off, data.length);
        flash.markUsedWhereProgrammed(first, end - first);
        core.invalidateCode(flash.base + first, end - first);
        if (powered) {
            flashController.hostProgrammed();
        }
    }

    @Override
    public byte[] readMemory(int address, int length) {
        byte[] b = bus.peek(address, length);
        if (b == null) {
            throw new IllegalArgumentException(String.format("[0x%08X, +%d) is not readable memory", address, length));
        }
        return b;
    }

    @Override
    public void eraseFlash() {
        flash.erase(0, flash.size);
        core.invalidateCode(flash.base, flash.size);
    }

    // =================================================================================================
    // Wires
    // =================================================================================================

    @Override
    public void setPower(boolean on) {
        if (on == powered) {
            return;
        }
        if (on) {
            powerOn();
        } else {
            powerOff("power-off", "power removed");
        }
    }

    @Override
    public boolean isPowered() {
        return powered;
    }

    @Override
    public void setResetAsserted(boolean asserted) {
        if (asserted == resetAsserted) {
            return;
        }
        resetAsserted = asserted;
        if (!powered) {
            return;
        }
        if (asserted) {
            clock.commit();
            interruptFlash(ResetCause.PIN);
            romMode = false;
            usart1.setRomMode(false);
            for (Peripheral p : bus.peripherals()) {
                if (p != rcc) {
                    p.reset(ResetCause.PIN);
                }
            }
            event("nrst", "NRST held low");
        } else {
            reset(ResetCause.PIN);
        }
        attention = true;
    }

    @Override
    public void setBoot0(boolean high) {
        boot0 = high;
        if (family.bootsFromOptionBytes()) {            // L4: BOOT0 is PH3
            gpios.get('H').setInput(3, high);
        }
    }

    @Override
    public void setInput(char port, int pin, boolean high) {
        gpio(port, pin).setInput(pin, high);
        worldChanged();
    }

    @Override
    public boolean output(char port, int pin) {
        return powered && gpio(port, pin).output(pin);
    }

    private Gpio gpio(char port, int pin) {
        Gpio g = gpios.get(Character.toUpperCase(port));
        if (g == null || pin < 0 || pin > 15) {
            throw new IllegalArgumentException("no pin P" + port + pin + " on " + chip);
        }
        return g;
    }

    @Override
    public void onOutputChange(GpioListener listener) {
        gpioListeners.add(listener);
    }

    /** EXTI's view of a pin: port index 0 = A … 7 = H; absent ports read low. */
    private boolean pinLevel(int port, int pin) {
        Gpio g = gpios.get((char) ('A' + port));
        return g != null && g.inputLevel(pin);
    }

    private void outputChanged(char port, int pin, boolean high) {
        attention = true;
        for (GpioListener l : gpioListeners) {
            l.changed(port, pin, high);
        }
    }

    @Override
    public Uart usart1() {
        return wire;
    }

    /** Host end of USART1 with its thread-safe wake-up hook. */
    public UartWire usart1Wire() {
        return wire;
    }

    // =================================================================================================
    // Power and reset
    // =================================================================================================

    private void powerOn() {
        powered = true;
        frozen = false;
        bus.setFrozen(false);
        powerOnCount++;
        SplittableRandom r = new SplittableRandom(options.seed() * 0x2545_F491_4F6C_DD1DL + powerOnCount);
        for (int i = 0; i < sram.length; i += 8) {
            long v = r.nextLong();
            for (int k = 0; k < 8 && i + k < sram.length; k++) {
                sram[i + k] = (byte) (v >>> (8 * k));
            }
        }
        core.invalidateCode(chip.sramBase(), sram.length);
        event("power-on", "power applied (SRAM filled with seeded garbage)");
        if (resetAsserted) {
            for (Peripheral p : bus.peripherals()) {
                p.reset(ResetCause.POWER_ON);
            }
            return;
        }
        reset(ResetCause.POWER_ON);
    }

    private void powerOff(String kind, String detail) {
        flashController.powerLost(clock.nowPs());
        powered = false;
        romMode = false;
        usart1.setRomMode(false);
        pendingReset = null;
        frozen = false;
        bus.setFrozen(false);
        cutAtPs = Long.MAX_VALUE;
        for (Peripheral p : bus.peripherals()) {
            p.reset(ResetCause.POWER_ON);
        }
        java.util.Arrays.fill(irqLevel, false);
        event(kind, detail);
        attention = true;
    }

    /** Resets the system the way the given cause does and starts the boot (core or ROM loader). */
    private void reset(ResetCause cause) {
        clock.commit();
        interruptFlash(cause);
        pendingReset = null;
        frozen = false;
        bus.setFrozen(false);
        pollIdle = false;
        polls.clear();
        shortChunks = 0;
        java.util.Arrays.fill(irqLevel, false);
        refreshOptionImage();
        for (Peripheral p : bus.peripherals()) {
            p.reset(cause);
        }
        clock.restartAt(rcc.hclkHz());
        SocBus.BootSpace space = bootSpace();
        bus.setBootSpace(space);
        core.invalidateCode(0, 0x100_0000);
        event("reset", cause + " reset, boot from " + space + ", RCC_CSR=" + String.format("0x%08X", rcc.csr()));
        romMode = space == SocBus.BootSpace.SYSTEM_MEMORY;
        usart1.setRomMode(romMode);
        if (romMode) {
            romBroken = false;
            romCall(rom::reset);
            // the core is held while the ROM model runs; keep it parked at the ROM vectors
            core.reset();
        } else {
            core.reset();
        }
        attention = true;
    }

    /** A system reset aborts the erase/program in progress: the cells are left torn. */
    private void interruptFlash(ResetCause cause) {
        if (flashController.isBusy()) {
            event("flash-interrupted", cause + " reset while the flash controller was busy");
            flashController.powerLost(clock.nowPs());
        }
    }

    /** Boot space from BOOT0 (+ PB2 = BOOT1 on F1; OPTR bits and the empty check on L4), sampled at reset. */
    private SocBus.BootSpace bootSpace() {
        if (!family.bootsFromOptionBytes()) {
            if (!boot0) {
                return SocBus.BootSpace.FLASH;
            }
            return gpios.get('B').inputLevel(2) ? SocBus.BootSpace.SRAM : SocBus.BootSpace.SYSTEM_MEMORY;
        }
        L4FlashController fc = (L4FlashController) flashController;
        int optr = fc.optr();
        boolean nBoot1 = (optr & 1 << 23) != 0;
        boolean nSwBoot0 = (optr & 1 << 26) != 0;
        boolean nBoot0 = (optr & 1 << 27) != 0;
        boolean b0 = nSwBoot0 ? boot0 : !nBoot0;
        if (!b0) {
            return fc.pempty() ? SocBus.BootSpace.SYSTEM_MEMORY : SocBus.BootSpace.FLASH;
        }
        return nBoot1 ? SocBus.BootSpace.SYSTEM_MEMORY : SocBus.BootSpace.SRAM;
    }

    private void refreshOptionImage() {
        byte[] img = optionBytes.image(family);
        System.arraycopy(img, 0, bus.system, family.optionBytesOffset(), img.length);
    }

    // =================================================================================================
    // SocContext (peripherals → board)
    // =================================================================================================

    @Override
    public long nowPs() {
        return clock.nowPs();
    }

    private void clockChanged() {
        clock.switchTo(rcc.hclkHz());
    }

    @Override
    public void irq(int irqNumber, boolean level) {
        boolean was = irqLevel[irqNumber];
        irqLevel[irqNumber] = level;
        if (level && !was && powered) {
            core.setIrqPending(irqNumber);
        }
    }

    @Override
    public void nmi() {
        core.setNmiPending();
    }

    @Override
    public void reschedule() {
        timed.invalidate();
    }

    @Override
    public void codeChanged(int address, int length) {
        core.invalidateCode(address, length);
    }

    @Override
    public void requestReset(ResetCause cause) {
        if (pendingReset == null) {
            pendingReset = cause;
            frozen = true;
            bus.setFrozen(true);
        }
    }

    @Override
    public boolean frozen() {
        return frozen;
    }

    /** Events the report keeps at least; older ones are dropped in blocks, so cut loops do not grow. */
    static final int EVENTS_RETAINED = 4096;

    @Override
    public void event(String kind, String detail) {
        if (events.size() >= 2 * EVENTS_RETAINED) {
            events.subList(0, EVENTS_RETAINED).clear();
        }
        events.add(new RunReport.Event(Duration.ofNanos(clock.nowPs() / 1000), kind, detail));
    }

    private void cutAt(long ps, String why) {
        if (ps < cutAtPs) {
            cutAtPs = ps;
            cutWhy = why;
        }
        frozen = true;
        bus.setFrozen(true);
        reschedule();
    }

    // =================================================================================================
    // RomTarget (ROM loader → board)
    // =================================================================================================

    @Override
    public byte[] read(int address, int length) {
        return bus.peek(address, length);
    }

    @Override
    public Duration write(int address, byte[] data) {
        if (bus.isRam(address, data.length)) {
            bus.pokeRam(address, data);
            core.invalidateCode(address, data.length);
            return Duration.ZERO;
        }
        if (chip.containsFlash(address) && chip.containsFlash(address + data.length - 1L)) {
            Duration d = flashController.romProgram(address, data);
            reschedule();
            return d;
        }
        return null;
    }

    @Override
    public Duration erasePages(int[] pages) {
        Duration d = flashController.romErasePages(pages);
        reschedule();
        return d;
    }

    @Override
    public Duration massErase() {
        Duration d = flashController.romMassErase();
        reschedule();
        return d;
    }

    @Override
    public void go(int address) {
        int sp = bus.read32(address);
        int pc = bus.read32(address + 4);
        romMode = false;
        usart1.setRomMode(false);
        rcc.leaveRomLoaderClocksOn(); // AN2606: the loader does not undo its set-up before Go
        Gpio a = gpios.get('A');       // nor its PA9/PA10 configuration
        if (family.hasModerGpio()) {
            a.write(0x24, a.read(0x24) & ~0xFF0 | 0x770, 4);
            a.write(0x00, a.read(0x00) & ~(0xF << 18) | 0xA << 18, 4);
        } else {
            a.write(0x04, a.read(0x04) & ~0xFF0 | 0x4B0, 4);
        }
        core.reset();
        core.setReg(13, sp);
        core.setReg(15, pc);
        core.setXpsr(1 << 24);
        event("rom-go", String.format("ROM loader Go 0x%08X: MSP=0x%08X PC=0x%08X", address, sp, pc));
        attention = true;
    }

    @Override
    public void transmit(int value) {
        if (powered) {
            usart1.romTransmit(value, clock.nowPs());
            reschedule();
        }
    }

    @Override
    public boolean readProtected() {
        return flashController.readProtected();
    }

    @Override
    public void removeReadProtection() {
        flashController.removeReadProtection();
        refreshOptionImage();
        event("option-bytes", "Readout Unprotect: RDP back to level 0");
    }

    private void romReceived(int value, long atPs) {
        romCall(() -> rom.receive(value, Duration.ofNanos(atPs / 1000)));
    }

    private void romCall(Runnable call) {
        if (romBroken) {
            return;
        }
        try {
            call.run();
        } catch (UnsupportedOperationException e) {
            romBroken = true;
            event("rom-unavailable", "ROM bootloader model: " + e.getMessage());
        }
    }

    // =================================================================================================
    // Running
    // =================================================================================================

    @Override
    public BoardStatus runFor(Duration duration) {
        long target = VirtualClock.saturatedAdd(clock.nowPs(), toPs(duration));
        advance(target, null);
        return status();
    }

    @Override
    public boolean runUntil(BooleanSupplier condition, Duration virtualTimeout) {
        long deadline = VirtualClock.saturatedAdd(clock.nowPs(), toPs(virtualTimeout));
        if (condition.getAsBoolean()) {
            return true;
        }
        while (clock.nowPs() < deadline) {
            advance(deadline, condition);
            if (condition.getAsBoolean()) {
                return true;
            }
        }
        return condition.getAsBoolean();
    }

    /** Runs to {@code targetPs}; with a condition, returns early after anything the condition may observe. */
    public void advance(long targetPs, BooleanSupplier condition) {
        while (true) {
            long now = clock.nowPs();
            if (now >= targetPs) {
                return;
            }
            takeHostBytes(now);
            processDue(now);
            now = clock.nowPs();
            BoardStatus st = status();
            if (st != lastStatus) {
                lastStatus = st;
                attention = true;
            }
            if (condition != null && attention) {
                attention = false;
                if (condition.getAsBoolean()) {
                    return;
                }
            }
            attention = false;
            long next = Math.min(targetPs, nextEventPs());
            if (!powered || resetAsserted || romMode) {
                idleTo(next, false);
                continue;
            }
            CoreState cs = core.state();
            if (cs == CoreState.LOCKED_UP || cs == CoreState.HALTED) {
                idleTo(next, false);
                continue;
            }
            if (flashController.isBusy()) {
                idleTo(Math.min(next, flashController.busyUntilPs()), true);
                continue;
            }
            if (pollIdle && bus.stores != pollStores) {
                pollIdle = false; // the loop stored something after the detection: it has moved on
            }
            if (cs == CoreState.SLEEPING && (core.scr() & 1 << 2) != 0 && !deepSleepReported) {
                deepSleepReported = true;
                event("deep-sleep", String.format("PC=0x%08X WFI/WFE with SLEEPDEEP: Stop/Standby are not modelled,"
                        + " treated as Sleep (clocks keep running, any interrupt wakes)", core.reg(15)));
            }
            if (cs == CoreState.SLEEPING || (pollIdle && options.idleFastForward())) {
                // pollIdle stays set while nothing can change the polled value; events, host input and a
                // SysTick wrap clear it: the exception handler must run, and a loop timing itself by COUNTFLAG
                // (interrupt off) must see every wrap, or its timeout never expires
                long tick = cs == CoreState.SLEEPING ? sysTickEventPs() : sysTickWrapPs();
                long to = Math.min(next, tick);
                idleTo(to, true);
                if (to >= tick) {
                    worldChanged();
                }
                if (cs == CoreState.RUNNING) {
                    shortChunks = RESUME_CHUNKS; // a polling loop that only sees a tick re-detects within a few polls
                }
                continue;
            }
            pollIdle = false;
            long chunk = CHUNK_CYCLES;
            if (shortChunks > 0) {
                shortChunks--;
                chunk = RESUME_CHUNK_CYCLES;
            }
            long budget = clock.cyclesUntil(next);
            runCore(Math.max(1, Math.min(budget, chunk)));
            clock.commit();
            if (core.takeSystemResetRequest() && pendingReset == null) {
                pendingReset = ResetCause.SOFTWARE;
            }
            if (core.state() == CoreState.RUNNING && inSystemMemory(core.reg(15)) && !romMode) {
                enterRomByJump();
            }
            repend();
        }
    }

    private void runCore(long budget) {
        if (instructionCut != null) {
            long left = instructionCutAt - core.instructions();
            if (left <= budget) {
                while (core.instructions() < instructionCutAt && core.state() == CoreState.RUNNING) {
                    core.step();
                }
                if (core.instructions() >= instructionCutAt) {
                    instructionCut = null;
                    clock.commit();
                    cutAt(clock.nowPs(), "power cut at instruction " + instructionCutAt);
                }
                return;
            }
        }
        core.run(budget);
    }

    private boolean inSystemMemory(int pc) {
        return Integer.compareUnsigned(pc - chip.systemMemoryBase(), chip.systemMemorySize()) < 0;
    }

    private void enterRomByJump() {
        event("rom-entry", String.format("firmware jumped into system memory (PC=0x%08X): ROM loader takes over", core.reg(15)));
        romMode = true;
        romBroken = false;
        usart1.setRomMode(true);
        romCall(rom::reset);
    }

    /** Level-sensitive NVIC lines: a line still high after its handler returned is pended again. */
    private void repend() {
        for (int n = 0; n < irqLevel.length; n++) {
            if (irqLevel[n] && !core.isActive(16 + n) && !core.isPending(16 + n)) {
                core.setIrqPending(n);
            }
        }
    }

    /** When the SysTick exception will next be pended (what wakes a sleeping core). */
    private long sysTickEventPs() {
        return clock.psAfterCycles(core.nextEventInCycles());
    }

    /** When the SysTick counter will next wrap and set COUNTFLAG, exception enabled or not. */
    private long sysTickWrapPs() {
        return clock.psAfterCycles(core.nextTimerWrapInCycles());
    }

    /** Time passes without instructions; the core's timers see the cycles when it is alive. */
    private void idleTo(long ps, boolean coreClocked) {
        long now = clock.nowPs();
        if (ps <= now) {
            ps = now + 1;
        }
        if (ps == Long.MAX_VALUE) {
            return;
        }
        if (coreClocked) {
            // whole cycles: time lands on the first cycle boundary at or after ps, as if the core had run
            core.advanceIdle(clock.cyclesUntil(ps));
            clock.commit();
            return;
        }
        clock.jumpTo(ps);
    }

    /**
     * Runs to {@code targetPs} leaving the bytes the host has sent in the inbox: a real-time runner whose idle
     * board lags the wall clock catches up first, so a byte sent now reaches the line now, not in the board's past.
     */
    public void catchUp(long targetPs) {
        holdHostInput = true;
        try {
            advance(targetPs, null);
        } finally {
            holdHostInput = false;
        }
    }

    /** Puts the bytes the host has sent so far on the line now (the next {@link #advance} lets them arrive). */
    public void takeHostInput() {
        takeHostBytes(clock.nowPs());
    }

    private void takeHostBytes(long now) {
        if (wire.hasInbox() && !holdHostInput) {
            worldChanged();
            usart1.takeFromHost(now);
            reschedule();
        }
    }

    /** Performs everything due by {@code now}: peripheral events, ROM responses, power cuts, resets. */
    private void processDue(long now) {
        timed.performDue(now, this::worldChanged); // the polled value may have changed: poll again before skipping
        if (romMode) {
            romCall(() -> rom.advance(Duration.ofNanos(now / 1000)));
        }
        if (pendingReset != null || cutAtPs <= now) {
            pollIdle = false;
        }
        if (cutAtPs <= now) {
            cutFired = true;
            timeCutArmed = false;
            String why = cutWhy;
            cutAtPs = Long.MAX_VALUE;
            powerOff("power-cut", why);
            return;
        }
        if (pendingReset != null && powered) {
            ResetCause c = pendingReset;
            if (c == ResetCause.IWDG) {
                event("iwdg-reset", "independent watchdog expired");
            }
            reset(c);
        }
    }

    /** Next moment something happens by itself (peripheral event, ROM response, cut). */
    public long nextEventPs() {
        long t = Math.min(cutAtPs, timed.earliestPs());
        if (romMode && !romBroken) {
            try {
                Duration due = rom.nextDue();
                if (due != null) {
                    t = Math.min(t, toPs(due));
                }
            } catch (UnsupportedOperationException e) {
                romBroken = true;
            }
        }
        if (pendingReset != null) {
            t = Math.min(t, clock.nowPs());
        }
        return t;
    }

    /** When the board next needs the host: now while the CPU executes, else its next event or SysTick. */
    public long nextActivityPs() {
        if (powered && !resetAsserted && !romMode && core.state() == CoreState.RUNNING && !pollIdle
                && !flashController.isBusy()) {
            return clock.nowPs();
        }
        long t = nextEventPs();
        if (powered && !romMode && core.state() != CoreState.LOCKED_UP && core.state() != CoreState.HALTED) {
            boolean polling = core.state() == CoreState.RUNNING && pollIdle && !flashController.isBusy();
            t = Math.min(t, polling ? sysTickWrapPs() : sysTickEventPs());
        }
        return t;
    }

    /** Brings peripherals up to the exact current cycle before the core touches one (bus hook). */
    private void sync() {
        long now = clock.nowPs();
        timed.performDueIfReached(now, this::worldChanged);
        if (core.takeSystemResetRequest() && pendingReset == null) {
            requestReset(ResetCause.SOFTWARE);
        }
    }

    /**
     * Something outside the core changed what a loop may poll (a peripheral event, host input, a pin, a timer
     * wrap): the current detection ends and so does every recorded poll. A poll from before the change that
     * happens to match a later one proves nothing: a console loop that read a CR (no store) and then polls the
     * status register with RXNE set for the next byte repeats its own poll of the CR exactly; on a 4 MHz core a
     * byte time (347 cycles) is inside the repeat window, and the skip lost the byte that followed (ORE).
     */
    private void worldChanged() {
        pollIdle = false;
        polls.clear();
    }

    /**
     * Idle fast-forward: a status poll that repeats an earlier one (same register, PC, value, core registers and
     * flags) with nothing stored since, within {@value PollHistory#WINDOW_CYCLES} cycles. The earlier poll may be
     * any of the last {@value PollHistory#DEPTH}, so a loop polling from several PCs (HAL's UART wait reads the
     * status register for the flag and again for errors) is recognised as well as a one-read loop.
     */
    private void polled(int address, int value) {
        if (!options.idleFastForward() || frozen) {
            return;
        }
        if (polls.repeats(address, value, core, bus.stores)) {
            pollIdle = true;
        }
        polls.record(address, value, core, bus.stores);
        pollStores = bus.stores;
    }

    @Override
    public Duration now() {
        return Duration.ofNanos(clock.nowPs() / 1000);
    }

    /** Virtual time in picoseconds. */
    public long nowPicos() {
        return clock.nowPs();
    }

    @Override
    public long instructions() {
        return core.instructions();
    }

    @Override
    public BoardStatus status() {
        if (!powered) {
            return BoardStatus.OFF;
        }
        if (resetAsserted) {
            return BoardStatus.IN_RESET;
        }
        if (romMode) {
            return BoardStatus.RUNNING;
        }
        return switch (core.state()) {
            case LOCKED_UP -> BoardStatus.LOCKED_UP;
            case HALTED -> BoardStatus.HALTED;
            case SLEEPING -> BoardStatus.SLEEPING;
            case RUNNING -> flashController.isBusy() || pollIdle ? BoardStatus.SLEEPING : BoardStatus.RUNNING;
        };
    }

    /** True while the ROM bootloader (not firmware) owns the board. */
    public boolean inRomBootloader() {
        return powered && romMode;
    }

    // =================================================================================================
    // Power cuts, flash operations
    // =================================================================================================

    @Override
    public void armPowerCut(PowerCut cut) {
        disarmTimeCut();
        if (cut.trigger() == PowerCut.Trigger.AT_INSTRUCTION) {
            ledger.arm(null);
            instructionCut = cut;
            instructionCutAt = core.instructions() + cut.count();
        } else if (cut.trigger() == PowerCut.Trigger.AFTER_TIME) {
            ledger.arm(null);
            instructionCut = null;
            timeCutArmed = true;
            cutAtPs = VirtualClock.saturatedAdd(clock.nowPs(), cut.count() * 1000L);
            cutWhy = "power cut " + Duration.ofNanos(cut.count()) + " after it was armed (a timed relay)";
            reschedule();
        } else {
            instructionCut = null;
            ledger.arm(cut);
        }
        cutFired = false;
    }

    @Override
    public void disarmPowerCut() {
        instructionCut = null;
        ledger.arm(null);
        disarmTimeCut();
    }

    /** A time cut that has not fired yet is withdrawn (a cut the ledger decided stays: the bus is frozen). */
    private void disarmTimeCut() {
        if (timeCutArmed && !frozen) {
            cutAtPs = Long.MAX_VALUE;
            reschedule();
        }
        timeCutArmed = false;
    }

    @Override
    public boolean powerCutFired() {
        return cutFired;
    }

    @Override
    public void onFlashOperation(Consumer<FlashOperation> listener) {
        ledger.addListener(listener);
    }

    @Override
    public List<FlashOperation> flashOperations() {
        return ledger.operations();
    }

    // =================================================================================================
    // Snapshots and report
    // =================================================================================================

    private record BoardSnapshot(Duration takenAt, CoreSnapshot core, byte[] sram, FlashMemory flash,
                                 OptionBytes options, Map<Peripheral, Object> peripherals, Object ledger,
                                 long[] longs, boolean[] flags, ResetCause pendingReset, PowerCut instructionCut,
                                 String cutWhy, BoardStatus lastStatus, boolean[] irqLevel,
                                 List<RunReport.Event> events, List<Integer> unmodelled,
                                 SocBus.BootSpace boot) implements Snapshot { }

    @Override
    public Snapshot snapshot() {
        clock.commit();
        Map<Peripheral, Object> ps = new IdentityHashMap<>();
        for (Peripheral p : bus.peripherals()) {
            ps.put(p, p.saveState());
        }
        long[] time = clock.saveState();
        long[] longs = {time[0], time[1], time[2], time[3], cutAtPs, instructionCutAt, powerOnCount, bus.stores,
            shortChunks};
        boolean[] flags = {powered, resetAsserted, boot0, romMode, romBroken, cutFired, frozen};
        return new BoardSnapshot(now(), core.snapshot(), sram.clone(), flash.copy(), optionBytes.copy(), ps,
                ledger.saveState(), longs, flags, pendingReset, instructionCut, cutWhy, lastStatus, irqLevel.clone(),
                List.copyOf(events), bus.unmodelledAddresses(), bus.bootSpace());
    }

    @Override
    public void restore(Snapshot snapshot) {
        BoardSnapshot s = (BoardSnapshot) snapshot;
        core.restore(s.core());
        System.arraycopy(s.sram(), 0, sram, 0, sram.length);
        flash.copyFrom(s.flash());
        optionBytes.copyFrom(s.options());
        s.peripherals().forEach(Peripheral::restoreState);
        ledger.restoreState(s.ledger());
        clock.restoreState(java.util.Arrays.copyOfRange(s.longs(), 0, 4));
        cutAtPs = s.longs()[4];
        instructionCutAt = s.longs()[5];
        powerOnCount = s.longs()[6];
        bus.stores = s.longs()[7];
        shortChunks = (int) s.longs()[8];
        powered = s.flags()[0];
        resetAsserted = s.flags()[1];
        boot0 = s.flags()[2];
        romMode = s.flags()[3];
        romBroken = s.flags()[4];
        cutFired = s.flags()[5];
        frozen = s.flags()[6];
        bus.setFrozen(frozen);
        pendingReset = s.pendingReset();
        instructionCut = s.instructionCut();
        cutWhy = s.cutWhy();
        lastStatus = s.lastStatus();
        System.arraycopy(s.irqLevel(), 0, irqLevel, 0, irqLevel.length);
        events = new ArrayList<>(s.events());
        bus.restoreUnmodelled(s.unmodelled());
        bus.setBootSpace(s.boot());
        refreshOptionImage();
        pollIdle = false;
        polls.clear();
        timed.invalidate();
        if (romMode) {
            romBroken = false;
            romCall(rom::reset); // the ROM model's internal state is not snapshotted: back to waiting for 0x7F
        }
    }

    @Override
    public RunReport report() {
        return new RunReport(events, bus.unmodelledAddresses(), core.translatedRuns());
    }

    // =================================================================================================

    private static long toPs(Duration d) {
        try {
            return Math.multiplyExact(d.toNanos(), 1000L);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
