package com.versionforge.token.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Both services depend on this module, so it may know neither of them. */
@AnalyzeClasses(packages = "com.versionforge.token.web", importOptions = ImportOption.DoNotIncludeTests.class)
class WebSupportBoundaryTest {

    @ArchTest
    static final ArchRule knowsNeitherService = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.versionforge.token.command..", "com.versionforge.token.query..");
}
