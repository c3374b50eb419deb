package dev.brickproof.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One structural edit of a YAML document: a node (a key's value or a list item) removed, emptied to null
 * ({@code key:} / {@code - }), or replaced by a value of another shape. Text edits ({@link YamlMutation})
 * mostly break the syntax; these keep it valid and reach the loaders' own checks.
 */
record YamlTreeMutation(int kind, int node, int value) {
    static final int KINDS = 3;
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<JsonNode> REPLACEMENTS = List.of(F.nullNode(), F.textNode(""), F.arrayNode(),
            F.objectNode(), F.arrayNode().addNull(), F.numberNode(0), F.numberNode(-1), F.numberNode(4_294_967_296L),
            F.textNode("x"), F.textNode("0x08000001"), F.textNode("~"), F.booleanNode(true),
            F.objectNode().putNull("transfer"), F.arrayNode().add("0x08003000").addNull(), F.textNode("0ms"),
            F.textNode("999999d"), F.numberNode(1e300));

    static String applyAll(String yaml, List<YamlTreeMutation> mutations) {
        if (mutations.isEmpty()) {
            return yaml;
        }
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            return yaml;
        }
        if (root == null || !root.isContainerNode()) {
            return yaml;
        }
        for (YamlTreeMutation m : mutations) {
            m.applyTo(root);
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            return yaml;
        }
    }

    private void applyTo(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return;
        }
        Slot s = slots.get(Math.floorMod(node, slots.size()));
        JsonNode replacement = REPLACEMENTS.get(Math.floorMod(value, REPLACEMENTS.size())).deepCopy();
        switch (kind) {
            case 0 -> s.remove();
            case 1 -> s.set(F.nullNode());
            default -> s.set(replacement);
        }
    }

    private static void collect(JsonNode n, List<Slot> into) {
        if (n instanceof ObjectNode o) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            o.fields().forEachRemaining(fields::add);
            for (Map.Entry<String, JsonNode> f : fields) {
                into.add(new Slot(o, f.getKey(), -1));
                collect(f.getValue(), into);
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                into.add(new Slot(a, null, i));
                collect(a.get(i), into);
            }
        }
    }

    /** A place in the tree: a field of an object or an index of an array. */
    private record Slot(JsonNode parent, String field, int index) {
        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(field);
            } else if (parent instanceof ArrayNode a && index < a.size()) {
                a.remove(index);
            }
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode o) {
                o.set(field, value);
            } else if (parent instanceof ArrayNode a && index < a.size()) {
                a.set(index, value);
            }
        }
    }
}
