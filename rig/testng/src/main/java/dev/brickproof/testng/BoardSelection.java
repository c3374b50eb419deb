package dev.brickproof.testng;

import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.RigDescription;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which boards of the rig a suite runs: {@code -Dbrickproof.boards=id,id} (empty: every board). An id the rig
 * file does not declare is a configuration error naming the property and the rig's ids, never a silently empty run.
 */
public record BoardSelection(Set<String> ids) {
    public static final String PROPERTY = "brickproof.boards";

    public BoardSelection {
        ids = Set.copyOf(ids);
    }

    public static BoardSelection all() {
        return new BoardSelection(Set.of());
    }

    public static BoardSelection parse(String text) {
        if (text == null || text.isBlank()) {
            return all();
        }
        Set<String> ids = new LinkedHashSet<>();
        Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(ids::add);
        return new BoardSelection(ids);
    }

    public static BoardSelection fromSystemProperty() {
        return parse(System.getProperty(PROPERTY, ""));
    }

    public boolean isAll() {
        return ids.isEmpty();
    }

    /** The rig's boards this selection keeps, in rig-file order; fails on an id the rig does not declare. */
    public List<BoardResource> of(RigDescription rig) {
        List<String> declared = rig.boards().stream().map(BoardResource::id).toList();
        for (String id : ids) {
            if (!declared.contains(id)) {
                throw new RigConfigurationException("-D" + PROPERTY, PROPERTY, "rig " + rig.name()
                        + " has no board '" + id + "'", "use ids of " + rig.file() + ": " + declared);
            }
        }
        return rig.boards().stream().filter(b -> isAll() || ids.contains(b.id())).toList();
    }
}
