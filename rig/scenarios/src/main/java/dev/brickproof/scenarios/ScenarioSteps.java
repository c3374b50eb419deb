package dev.brickproof.scenarios;

import java.util.function.Supplier;

/**
 * How a scenario reports what it does: named steps, parameters and attachments. {@link #NONE} runs the steps
 * and reports nothing (CLI, plain tests); the TestNG module's Allure implementation makes each a report step.
 */
public interface ScenarioSteps {

    ScenarioSteps NONE = new ScenarioSteps() {
        @Override
        public <T> T step(String name, Supplier<T> action) {
            return action.get();
        }

        @Override
        public void parameter(String name, Object value) {
        }

        @Override
        public void attach(String name, String mediaType, String content, String extension) {
        }
    };

    <T> T step(String name, Supplier<T> action);

    default void step(String name, Runnable action) {
        step(name, () -> {
            action.run();
            return null;
        });
    }

    void parameter(String name, Object value);

    void attach(String name, String mediaType, String content, String extension);

    /** A binary attachment (a flash dump); reported nowhere by default. */
    default void attach(String name, String mediaType, byte[] content, String extension) {
    }

    /**
     * A scenario's result as a value, for reports built after the run (the release sign-off); kept nowhere by
     * default.
     */
    default void record(ScenarioRecord record) {
    }
}
