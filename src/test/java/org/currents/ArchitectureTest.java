package org.currents;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packages follow the pipeline (STYLE.md, "The layout shows the pipeline"): each stage
 * depends only on {@code model} and on the stages before it, and nothing depends on {@code cli}.
 */
class ArchitectureTest {
    private static final String BASE = "org.currents.";
    private static final List<String> STAGES =
            List.of("model", "source", "wikitext", "history", "relate", "enrich", "store", "publish", "serve", "cli");
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.currents");

    @ParameterizedTest(name = "{0} may use {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "model    | ",
                "wikitext | model",
                "source   | model",
                "store    | model",
                "history  | model source wikitext store",
                "relate   | model store",
                "enrich   | model store",
                "publish  | model store relate",
                "serve    | model store relate publish",
                "cli      | model source wikitext history relate enrich store publish serve",
            })
    void eachStageDependsOnlyOnTheStagesBeforeIt(String stage, String allowed) {
        rule(stage, allowed).check(CLASSES);
    }

    @Test
    void theDayPageParserKnowsNothingOfWhereRevisionsComeFrom() {
        noClasses()
                .that()
                .haveFullyQualifiedName(BASE + "wikitext.DayPageParser")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BASE + "source..")
                .check(CLASSES);
    }

    @ParameterizedTest(name = "only {0} itself uses {0}")
    @CsvSource({"store.sqlite", "store.postgres", "store.jdbc"})
    void storesAreOpenedThroughTheirProviderOnly(String implementation) {
        storeImplementationRule(implementation).check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        // each package its own slice: store -> store.sqlite -> store would be a cycle
        CYCLES.check(CLASSES);
    }

    @Test
    void theCycleRuleSeesACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages(BASE + "archfixture");
        assertThat(cyclic.containPackage(BASE + "archfixture.a")).isTrue();
        assertThat(CYCLES.evaluate(cyclic).hasViolation()).isTrue();
    }

    @Test
    void theRulesSeeRealDependencies() {
        // a rule that cannot fail proves nothing: history does use source, wikitext and store
        assertThat(rule("history", "model").evaluate(CLASSES).hasViolation()).isTrue();
        assertThat(CLASSES.containPackage(BASE + "store.sqlite")).isTrue();
        assertThat(CLASSES.containPackage(BASE + "source.dump")).isTrue();
        // the implementation rule sees store.sqlite's own use of itself, which it allows
        assertThat(noClasses()
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage(BASE + "store.sqlite..")
                        .evaluate(CLASSES)
                        .hasViolation())
                .isTrue();
    }

    private static final ArchRule CYCLES =
            slices().matching(BASE + "(**)").should().beFreeOfCycles();

    /** Nothing outside {@code implementation} (a store's package) uses its classes. */
    private static ArchRule storeImplementationRule(String implementation) {
        String own = BASE + implementation + "..";
        // the shared JDBC code is for the dialects' packages
        String[] allowed = implementation.equals("store.jdbc")
                ? new String[] {own, BASE + "store.sqlite..", BASE + "store.postgres.."}
                : new String[] {own};
        return noClasses()
                .that()
                .resideOutsideOfPackages(allowed)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(own)
                .because("stores are opened through Stores and their StoreProvider, never by name")
                .allowEmptyShould(true);
    }

    /** No class of {@code stage} (or its subpackages) uses a stage outside {@code allowed}. */
    private static ArchRule rule(String stage, String allowed) {
        List<String> ok =
                allowed == null ? List.of() : Arrays.asList(allowed.trim().split("\\s+"));
        List<String> forbidden = new ArrayList<>();
        for (String other : STAGES) {
            if (!other.equals(stage) && !ok.contains(other)) {
                forbidden.add(BASE + other + "..");
            }
        }
        return noClasses()
                .that()
                .resideInAPackage(BASE + stage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden.toArray(String[]::new))
                .because(stage + " may use only " + (ok.isEmpty() ? "nothing else of currents" : ok))
                .allowEmptyShould(true);
    }
}
