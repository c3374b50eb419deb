package dev.brickproof.rig.config;

import dev.brickproof.rig.RigConfigurationException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Checks the YAML of a rig file or manifest before anything maps it: syntax, tab indentation, duplicate keys,
 * anchors and aliases (which the mapper would silently read as the anchor's name), custom tags ({@code !env PORT}
 * would be read as "PORT") and a second document.
 * Problems are told in plain words with the key path being read and its line and column, so that a user never
 * sees a parser's token names.
 */
final class YamlShape {
    private static final String STANDARD_TAGS = "tag:yaml.org,2002:";
    private final String file;

    YamlShape(String file) {
        this.file = file;
    }

    /**
     * Throws a {@link RigConfigurationException} for the first problem in {@code text}.
     *
     * @return whether the text holds any value at all (false for an empty or comment-only file)
     */
    boolean check(String text, LoaderOptions options) {
        boolean content = false;
        Paths paths = new Paths();
        try {
            Parser parser = new ParserImpl(new StreamReader(text), options);
            int documents = 0;
            while (parser.peekEvent() != null) {
                Event event = parser.getEvent();
                switch (event.getEventId()) {
                    case DocumentStart -> {
                        if (++documents > 1) {
                            throw problem(paths.path(), event.getStartMark(), "a second YAML document ('---') starts here",
                                    "keep one document per file; remove the '---' line and what follows or merge it above");
                        }
                    }
                    case Alias -> throw problem(paths.path(), event.getStartMark(), "an alias ('*"
                            + ((AliasEvent) event).getAnchor() + "') is used", "write the value out in full; rig files and"
                            + " manifests do not use YAML anchors or aliases");
                    case Scalar, MappingStart, SequenceStart -> {
                        String anchor = ((NodeEvent) event).getAnchor();
                        if (anchor != null) {
                            throw problem(paths.path(), event.getStartMark(), "an anchor ('&" + anchor + "') is declared",
                                    "write values out in full; rig files and manifests do not use YAML anchors or aliases");
                        }
                        String tag = event instanceof ScalarEvent scalar ? scalar.getTag()
                                : ((CollectionStartEvent) event).getTag();
                        if (tag != null && !tag.startsWith(STANDARD_TAGS)) {
                            throw problem(paths.path(), event.getStartMark(), "a YAML tag ('" + tag + "') is used; nothing"
                                    + " expands tags here, the value would be read as written", "write the value itself"
                                    + " (no '!' tags)");
                        }
                        paths.node(event);
                        content = true;
                    }
                    case MappingEnd, SequenceEnd -> paths.end();
                    case StreamEnd -> {
                        return content;
                    }
                    default -> { }
                }
            }
        } catch (MarkedYAMLException e) {
            throw plainWords(paths, e);
        } catch (YAMLException e) {
            throw new RigConfigurationException(file, paths.path(), "not readable as YAML: " + e.getMessage(),
                    "keep the file small and plain (see the rig-file reference in README.md)");
        }
        return content;
    }

    private RigConfigurationException plainWords(Paths path, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String lower = problem.toLowerCase(Locale.ROOT);
        if (lower.contains("\\t") || lower.contains("tab")) {
            return syntax(path, mark, "a tab character is used for indentation",
                    "indent with spaces only (YAML does not allow tabs)");
        }
        if (lower.contains("mapping values are not allowed")) {
            return syntax(path, mark, "a 'key:' appears where no key can start: it is indented deeper than the keys"
                    + " above it, or a value contains ': ' without quotes", "align the key with its siblings, or put the"
                    + " value in quotes");
        }
        if (lower.contains("expected <block end>") || lower.contains("expected <block mapping start>")) {
            return syntax(path, mark, "the indentation does not match the block this line belongs to (or a quote"
                    + " opened above is not closed)", "indent the line exactly like the other keys of its block (spaces"
                    + " only) and close every quote on its line");
        }
        if (lower.contains("could not find expected ':'")) {
            return syntax(path, mark, "a line has no 'key: value' shape (missing ':' or an unclosed quote above)",
                    "write 'key: value' and close every quote on its line");
        }
        if (lower.contains("end of stream") || lower.contains("unexpected end")) {
            return syntax(path, mark, "the file ends inside a quoted value or a [list] / {mapping}",
                    "close the quote or bracket that starts above");
        }
        if (lower.contains("block sequence entries are not allowed")) {
            return syntax(path, mark, "a '- ' list item appears where a value was expected on the same line",
                    "put list items on their own lines below the key");
        }
        return syntax(path, mark, "YAML syntax error: " + problem, "correct the YAML at that line and column");
    }

    private RigConfigurationException problem(String path, Mark mark, String problem, String fix) {
        String where = mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
        return new RigConfigurationException(file, path + where, problem, fix);
    }

    /** For syntax errors, where the parser's own path may already have moved on: the last key read. */
    private RigConfigurationException syntax(Paths paths, Mark mark, String problem, String fix) {
        String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        String after = paths.lastKey == null ? "" : (where.isEmpty() ? "" : ", ") + "after key " + paths.lastKey;
        return new RigConfigurationException(file, where + after, problem, fix);
    }

    /**
     * The key path of the node being read (e.g. {@code boards[2].timing.resetPulse}) and the keys each open
     * mapping has seen, to name duplicates.
     */
    private final class Paths {
        private final Deque<Frame> frames = new ArrayDeque<>();
        private String lastKey;

        void node(Event event) {
            Frame parent = frames.peek();
            if (parent != null && parent.mapping && parent.expectingKey) {
                if (!(event instanceof ScalarEvent key)) {
                    throw problem(path(), event.getStartMark(), "a key that is itself a list or mapping",
                            "keys are plain words: write 'key: value'");
                }
                Mark previous = parent.keys.putIfAbsent(key.getValue(), key.getStartMark());
                parent.key = key.getValue();
                lastKey = path();
                if (previous != null) {
                    throw problem(path(), key.getStartMark(), "duplicate key '" + key.getValue() + "' (first written on line "
                            + (previous.getLine() + 1) + ")", "keep one '" + key.getValue() + ":' and delete the other");
                }
                parent.expectingKey = false;
                return;
            }
            if (event.is(Event.ID.MappingStart) || event.is(Event.ID.SequenceStart)) {
                frames.push(new Frame(event.is(Event.ID.MappingStart)));
            } else {
                valueDone();
            }
        }

        void end() {
            frames.pop();
            valueDone();
        }

        private void valueDone() {
            Frame parent = frames.peek();
            if (parent == null) {
                return;
            }
            if (parent.mapping) {
                parent.expectingKey = true;
            } else {
                parent.index++;
            }
        }

        String path() {
            StringBuilder sb = new StringBuilder();
            frames.descendingIterator().forEachRemaining(f -> {
                if (f.mapping) {
                    if (f.key != null) {
                        sb.append(sb.isEmpty() ? "" : ".").append(f.key);
                    }
                } else {
                    sb.append('[').append(Math.max(0, f.index)).append(']');
                }
            });
            return sb.isEmpty() ? "(top level)" : sb.toString();
        }
    }

    private static final class Frame {
        final boolean mapping;
        final Map<String, Mark> keys = new HashMap<>();
        boolean expectingKey = true;
        String key;
        int index;

        Frame(boolean mapping) {
            this.mapping = mapping;
        }
    }
}
