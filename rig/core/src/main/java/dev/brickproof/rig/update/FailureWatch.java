package dev.brickproof.rig.update;

import dev.brickproof.rig.RigException;
import dev.brickproof.rig.driver.Console;
import dev.brickproof.rig.driver.ConsoleMatch;
import dev.brickproof.rig.protocol.DeviceRejectedException;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.time.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console lines by which a design says an update failed: the driver's own defaults (what the reference
 * firmware prints) plus the rig file's {@code firmware.failureMessages}. A device that says so is never a
 * successful update: each check here throws {@link DeviceRejectedException} quoting the device's line.
 */
public final class FailureWatch {
    private static final int LOOK_BACK = 20;
    private final List<Pattern> messages;
    private final Pattern any;

    private FailureWatch(List<Pattern> messages) {
        this.messages = List.copyOf(messages);
        this.any = messages.isEmpty() ? null : Pattern.compile(messages.stream().map(p -> "(?:" + p.pattern() + ")")
                .collect(Collectors.joining("|")));
    }

    /** The driver's {@code defaults} and the profile's own failure messages. */
    public static FailureWatch of(FirmwareProfile firmware, List<Pattern> defaults) {
        List<Pattern> all = new ArrayList<>(defaults);
        all.addAll(firmware.failureMessages());
        return new FailureWatch(all);
    }

    public List<Pattern> messages() {
        return messages;
    }

    /** Whether {@code line} is one of the failure messages. */
    public Optional<Pattern> matching(String line) {
        return messages.stream().filter(p -> p.matcher(line).find()).findFirst();
    }

    /**
     * Runs a transfer; when it fails, a failure message among the console's last lines (the device said why
     * before it stopped answering) becomes the error, with the transfer's failure as the cause. A
     * {@link TransferStopped} (the scenario cut the power on purpose) passes through.
     */
    public void during(Console console, Runnable transfer) {
        try {
            transfer.run();
        } catch (TransferStopped stopped) {
            throw stopped;
        } catch (RigException e) {
            List<String> last = console.lastLines(LOOK_BACK);
            for (int i = last.size() - 1; i >= 0; i--) {
                Optional<Pattern> hit = matching(last.get(i));
                if (hit.isPresent()) {
                    throw rejected(last.get(i).strip(), hit.get(), e);
                }
            }
            throw e;
        }
    }

    /**
     * Waits for the device's verdict: a line matching {@code success}, or a failure message, which throws.
     *
     * @return the success line
     */
    public ConsoleMatch expectSuccess(Console console, Pattern success, Deadline step) {
        Pattern either = any == null ? success : Pattern.compile("(?:" + success.pattern() + ")|" + any.pattern());
        ConsoleMatch line = console.expect(either, step);
        Optional<Pattern> failure = matching(line.line());
        if (failure.isPresent() && !success.matcher(line.line()).find()) {
            throw rejected(line.line().strip(), failure.get(), null);
        }
        return regroup(success, line.line());
    }

    /** Throws if a failure message has already arrived (no waiting): after a transfer with no result line. */
    public void checkArrived(Console console) {
        if (any == null) {
            return;
        }
        Optional<ConsoleMatch> hit = console.poll(any);
        if (hit.isPresent()) {
            throw rejected(hit.get().line().strip(), matching(hit.get().line()).orElse(any), null);
        }
    }

    private static ConsoleMatch regroup(Pattern pattern, String line) {
        var m = pattern.matcher(line);
        List<String> groups = new ArrayList<>();
        if (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                groups.add(m.group(g) == null ? "" : m.group(g));
            }
        }
        return new ConsoleMatch(line, groups);
    }

    private static DeviceRejectedException rejected(String line, Pattern by, Throwable cause) {
        String message = "the device reported that the update failed: '" + line + "' (failure message /"
                + by.pattern() + "/); see the console transcript";
        DeviceRejectedException e = new DeviceRejectedException(message);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
