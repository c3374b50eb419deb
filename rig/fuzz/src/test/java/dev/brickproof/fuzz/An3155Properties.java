package dev.brickproof.fuzz;

import dev.brickproof.api.Chip;
import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.protocol.an3155.An3155Client;
import dev.brickproof.rig.protocol.an3155.An3155Options;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** The AN3155 ROM bootloader client fed fuzzed ROM answers: connect, read, write, erase. */
@AddLifecycleHook(FuzzBudget.class)
class An3155Properties {
    static final Outcome CLIENT = Outcome.documents(RigTimeoutException.class, ProtocolException.class);
    private static final int ACK = An3155Client.ACK;

    @Property(shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    @FuzzTarget(value = "An3155Client (ROM answers)", sample = 500, campaign = 50_000)
    void aSessionWithAFuzzedRomEndsOrFailsWithADocumentedError(@ForAll("rom") byte[] rom) {
        ScriptedDevice device = new ScriptedDevice(rom);
        Cases.current().checkRun(CLIENT, () -> {
            try (An3155Client client = new An3155Client(device, null, null, Chip.STM32F103C8,
                    An3155Options.defaults(), null)) {
                var deadline = device.clock().deadlineAfter(Duration.ofMinutes(5), "the fuzzed ROM session");
                client.connect(deadline);
                client.read(0x0800_0000, 16, deadline);
                client.write(0x0800_0000, new byte[] {1, 2, 3, 4, 5, 6, 7}, deadline);
                client.eraseRange(0x0800_0000, 2048, deadline);
            }
        });
    }

    @Provide
    Arbitrary<byte[]> rom() {
        return Inputs.mostlyMutated(List.of(session(false), session(true)), 6, 64);
    }

    /** A well-behaved F103's answers to connect, a 16-byte read, an 8-byte write and a 2-page erase. */
    static byte[] session(boolean extendedErase) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ACK); // sync
        int[] commands = {0x00, 0x01, 0x02, 0x11, 0x21, 0x31, extendedErase ? 0x44 : 0x43, 0x63, 0x73, 0x82, 0x92};
        out.write(ACK); // Get
        out.write(commands.length);
        out.write(0x22);
        for (int c : commands) {
            out.write(c);
        }
        out.write(ACK);
        out.writeBytes(new byte[] {ACK, 0x22, 0x00, 0x00, ACK}); // Get Version
        out.writeBytes(new byte[] {ACK, 0x01, 0x04, 0x10, ACK}); // Get ID: 0x410
        out.writeBytes(new byte[] {ACK, ACK, ACK}); // Read Memory: command, address, length
        for (int i = 0; i < 16; i++) {
            out.write(0xFF - i);
        }
        out.writeBytes(new byte[] {ACK, ACK, ACK}); // Write Memory: command, address, data
        out.writeBytes(new byte[] {ACK, ACK}); // (Extended) Erase: command, pages
        return out.toByteArray();
    }
}
