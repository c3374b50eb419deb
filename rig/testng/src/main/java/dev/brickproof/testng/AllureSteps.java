package dev.brickproof.testng;

import dev.brickproof.scenarios.ScenarioRecord;
import dev.brickproof.scenarios.ScenarioSteps;
import io.qameta.allure.Allure;
import java.util.function.Supplier;

/** The scenario library's steps, parameters and attachments as Allure steps, parameters and attachments. */
public final class AllureSteps implements ScenarioSteps {

    @Override
    public <T> T step(String name, Supplier<T> action) {
        return Allure.step(name, action::get);
    }

    @Override
    public void parameter(String name, Object value) {
        Allure.parameter(name, value);
    }

    @Override
    public void attach(String name, String mediaType, String content, String extension) {
        Allure.addAttachment(name, mediaType, content, extension);
    }

    @Override
    public void attach(String name, String mediaType, byte[] content, String extension) {
        Allure.addAttachment(name, mediaType, new java.io.ByteArrayInputStream(content), extension);
    }

    /** Kept on the running test's TestNG result for the release sign-off ({@link ScenarioRecords}). */
    @Override
    public void record(ScenarioRecord record) {
        ScenarioRecords.add(record);
    }

    /** Names the running test in the report (TestNG's description is the same for every data row). */
    public void testName(String name) {
        Allure.getLifecycle().updateTestCase(tc -> tc.setName(name));
    }

    public void label(String name, String value) {
        Allure.label(name, value);
    }
}
