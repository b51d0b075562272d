package com.versionforge.token.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The query side shares only shared-api and the event stream with the command side (DESIGN.md, module table). */
@AnalyzeClasses(packages = "com.versionforge.token.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideBoundaryTest {

    @ArchTest
    static final ArchRule neverUsesTheCommandSide = noClasses()
            .that()
            .resideInAPackage("com.versionforge.token.query..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.versionforge.token.command..");

    @ArchTest
    static final ArchRule keepsItsFeaturesFreeOfCycles =
            slices().matching("com.versionforge.token.query.(*)..").should().beFreeOfCycles();
}
