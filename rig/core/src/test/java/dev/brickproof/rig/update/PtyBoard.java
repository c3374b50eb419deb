package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.console.LinkConsole;
import dev.brickproof.rig.driver.BootModeControl;
import dev.brickproof.rig.driver.PowerControl;
import dev.brickproof.rig.driver.ResetControl;
import dev.brickproof.rig.protocol.PtyPair;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.time.WallClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A board whose console is the host end of a pty and whose device is a scripted Java peer on the other end:
 * the default rig's description of board {@code id} (its firmware images and timing), pins that do nothing.
 */
final class PtyBoard implements AutoCloseable {
    final PtyPair pair = new PtyPair();
    final Board board;
    /** What the harness did to the pins, in order: key, normal, pulse, ... */
    final List<String> pins = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    PtyBoard(String id, UnaryOperator<FirmwareProfile> firmware) throws Exception {
        Path root = Path.of(System.getProperty("brickproof.root", "../.."));
        BoardResource r = new RigFileLoader(Files.createTempDirectory("runs"))
                .load(root.resolve("fixtures/rigs/emulated.yaml")).boards().stream()
                .filter(b -> b.id().equals(id)).findFirst().orElseThrow();
        BoardResource withFirmware = new BoardResource(r.id(), r.chip(), r.serial(), r.reset(), r.boot0(), r.updateKey(),
                r.power(), r.timing(), firmware.apply(r.firmware()), r.emulated());
        Pins wires = new Pins();
        board = new Board(withFirmware, new WallClock(), wires, wires, wires,
                new LinkConsole(pair.host, Files.createTempDirectory("console").resolve("console.log")), null, null);
    }

    /** {@code fw} with {@code protocol} and its {@code options}. */
    static FirmwareProfile withProtocol(FirmwareProfile fw, String protocol, java.util.Map<String, String> options) {
        return new FirmwareProfile(fw.design(), fw.updateEntry(), protocol, fw.appBanner(), fw.bootBanner(),
                fw.bootloader(), fw.app(), fw.update(), fw.variants(), fw.pacing(), fw.entryCommand(),
                fw.provisionWrites(), options, fw.failureMessages());
    }

    /** {@code fw} with {@code messages} as its rig file's {@code failureMessages}. */
    static FirmwareProfile withFailureMessages(FirmwareProfile fw, List<Pattern> messages) {
        return new FirmwareProfile(fw.design(), fw.updateEntry(), fw.protocol(), fw.appBanner(), fw.bootBanner(),
                fw.bootloader(), fw.app(), fw.update(), fw.variants(), fw.pacing(), fw.entryCommand(),
                fw.provisionWrites(), fw.protocolOptions(), messages);
    }

    @Override
    public void close() {
        board.console().close();
        pair.close();
    }

    /** Pins that only record what was done: the scripted device does not model them. */
    private final class Pins implements PowerControl, ResetControl, BootModeControl {
        private boolean on = true;

        @Override public void on() { on = true; }
        @Override public void off() { on = false; }
        @Override public boolean isOn() { return on; }
        @Override public void cycle(Duration offTime) { }
        @Override public void hold() { }
        @Override public void release() { }
        @Override public void pulse() { pins.add("pulse"); }
        @Override public void selectRomBootloader() { pins.add("rom"); }
        @Override public void pressUpdateKey() { pins.add("key"); }
        @Override public void selectNormalBoot() { pins.add("normal"); }
        @Override public void close() { }
    }
}
