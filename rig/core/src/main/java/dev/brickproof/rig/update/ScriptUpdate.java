package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.TransferProgress;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Text-command loaders ({@code upload <size> <crc32>}, then the image in acknowledged chunks, ...) driven by a
 * script of send/expect steps from {@code firmware.options.script} (see {@link UpdateScript}). Entry as the
 * rig file's {@code updateEntry} says ({@link EntryMoves}); every expect also watches for the design's failure
 * messages.
 */
public final class ScriptUpdate extends EnteredUpdate {
    private final UpdateScript script;

    ScriptUpdate(ProtocolOptions options) {
        this.script = UpdateScript.parse(options.raw("script").orElseThrow(() -> new RigConfigurationException(
                options.source(), "firmware.options.script", "protocol 'script' needs the script of the update",
                "add options: { script: \"send upload ${size} ${crc32}\\r\\nchunks 1024 ack ^OK within 2s\" }")),
                options.source());
    }

    @Override
    public String protocol() {
        return "script";
    }

    @Override
    public void resume(Board board, FirmwareImage image, Deadline deadline, ProgressListener progress) {
        byte[] data = Images.bytes(image);
        ImageFacts facts = ImageFacts.of(image, data);
        FailureWatch failures = FailureWatch.of(board.firmware(), List.of());
        Duration boot = board.resource().timing().bootTimeout();
        Duration started = board.clock().now();
        try {
            EntryMoves.enter(board);
            for (UpdateScript.Step step : script.steps()) {
                String at = "script line " + step.line();
                if (step instanceof UpdateScript.Send s) {
                    board.console().send(facts.fill(s.text()));
                } else if (step instanceof UpdateScript.Expect e) {
                    failures.expectSuccess(board.console(), Pattern.compile(facts.fill(e.regex())),
                            deadline.within(e.within().orElse(boot), at + ": /" + e.regex() + "/"));
                } else if (step instanceof UpdateScript.Chunks c) {
                    failures.during(board.console(),
                            () -> chunks(board, c, facts, data, failures, deadline, progress, started, at, boot));
                } else if (step instanceof UpdateScript.Pause p) {
                    board.clock().pause(p.duration());
                } else if (step instanceof UpdateScript.Key k && k.press()) {
                    board.bootMode().pressUpdateKey();
                } else if (step instanceof UpdateScript.Key) {
                    board.bootMode().selectNormalBoot();
                } else if (step instanceof UpdateScript.Reset) {
                    board.reset().pulse();
                }
            }
            failures.checkArrived(board.console());
        } finally {
            EntryMoves.leave(board);
        }
    }

    private static void chunks(Board board, UpdateScript.Chunks c, ImageFacts facts, byte[] data, FailureWatch failures,
                               Deadline deadline, ProgressListener progress, Duration started, String at,
                               Duration boot) {
        Pattern ack = c.ack().map(a -> Pattern.compile(facts.fill(a))).orElse(null);
        long pieces = 0;
        for (int offset = 0; offset < data.length; ) {
            int length = Math.min(c.size(), data.length - offset);
            board.console().link().write(data, offset, length);
            offset += length;
            pieces++;
            if (ack != null) {
                failures.expectSuccess(board.console(), ack, deadline.within(c.within().orElse(boot),
                        at + ": the ACK line /" + ack.pattern() + "/ after byte " + offset));
            } else if (!c.pace().isZero()) {
                board.clock().pause(c.pace());
            }
            progress.progress(new TransferProgress("script", offset, data.length, pieces,
                    board.clock().now().minus(started)));
        }
    }

    /** Registers {@code script} (META-INF/services). */
    public static final class Provider implements UpdateDriverProvider {
        @Override
        public String protocol() {
            return "script";
        }

        @Override
        public UpdateDriver create(ProtocolOptions options) {
            return new ScriptUpdate(options);
        }
    }
}
