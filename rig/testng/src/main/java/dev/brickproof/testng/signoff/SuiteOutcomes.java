package dev.brickproof.testng.signoff;

import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.testng.ScenarioRecords;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.testng.ISuite;
import org.testng.ISuiteResult;
import org.testng.ITestContext;
import org.testng.ITestResult;

/** The tests of a finished TestNG suite as {@link TestOutcome}s, counted the way Allure counts them. */
public final class SuiteOutcomes {
    private SuiteOutcomes() { }

    public static List<TestOutcome> of(ISuite suite, Optional<RigDescription> rig) {
        List<TestOutcome> out = new ArrayList<>();
        for (ISuiteResult r : suite.getResults().values()) {
            ITestContext ctx = r.getTestContext();
            List<ITestResult> all = new ArrayList<>();
            all.addAll(ctx.getPassedTests().getAllResults());
            all.addAll(ctx.getFailedButWithinSuccessPercentageTests().getAllResults());
            all.addAll(ctx.getFailedTests().getAllResults());
            all.addAll(ctx.getSkippedTests().getAllResults());
            all.forEach(t -> out.add(of(t, rig)));
        }
        return out;
    }

    static TestOutcome of(ITestResult t, Optional<RigDescription> rig) {
        Object[] params = t.getParameters() == null ? new Object[0] : t.getParameters();
        Optional<BoardResource> board = params.length > 0 && params[0] instanceof String id
                ? rig.flatMap(d -> d.board(id)) : Optional.empty();
        Optional<String> variant = board.flatMap(b -> b.firmwareProfile()).flatMap(fw -> {
            List<String> names = new ArrayList<>();
            names.add(fw.bootloader().variant());
            fw.variants().values().stream().filter(FirmwareImage::isBootloader).map(FirmwareImage::variant)
                    .forEach(names::add);
            return Arrays.stream(params).filter(p -> p instanceof String s && names.contains(s)).map(String.class::cast)
                    .findFirst();
        });
        String name = t.getMethod().getMethodName() + (params.length == 0 ? "" : Arrays.stream(params)
                .map(String::valueOf).collect(Collectors.joining(", ", "(", ")")));
        Throwable failure = t.getThrowable();
        TestOutcome.Status status = switch (t.getStatus()) {
            case ITestResult.SUCCESS -> TestOutcome.Status.PASSED;
            case ITestResult.SKIP -> TestOutcome.Status.SKIPPED;
            default -> failure instanceof AssertionError ? TestOutcome.Status.FAILED : TestOutcome.Status.BROKEN;
        };
        String message = failure == null ? "" : String.valueOf(failure.getMessage());
        return new TestOutcome(name, kind(t.getTestClass().getRealClass()), status, message, ScenarioRecords.of(t),
                board.map(BoardResource::id), variant);
    }

    /** The test class's Allure feature ("Power cut"), else its epic, else its simple name. */
    static String kind(Class<?> testClass) {
        Feature feature = testClass.getAnnotation(Feature.class);
        if (feature != null) {
            return feature.value();
        }
        Epic epic = testClass.getAnnotation(Epic.class);
        return epic != null ? epic.value() : testClass.getSimpleName();
    }
}
