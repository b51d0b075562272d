package com.versionforge.token.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The two services share only shared-api and the event stream (DESIGN.md, module table). */
@AnalyzeClasses(packages = "com.versionforge.token", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundaryTest {

    @ArchTest
    static final ArchRule commandSideNeverUsesTheQuerySide = noClasses()
            .that()
            .resideInAPackage("com.versionforge.token.command..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.versionforge.token.query..");
}
