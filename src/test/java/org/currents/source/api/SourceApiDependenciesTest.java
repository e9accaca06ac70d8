package org.currents.source.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class SourceApiDependenciesTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.currents");

    @Test
    void theApiSourceKnowsOnlyTheModelAndTheSourceInterfaces() {
        classes()
                .that()
                .resideInAPackage("org.currents.source.api..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "com.fasterxml.jackson..",
                        "org.currents.model..",
                        "org.currents.source",
                        "org.currents.source.api..")
                .check(MAIN);
    }
}
