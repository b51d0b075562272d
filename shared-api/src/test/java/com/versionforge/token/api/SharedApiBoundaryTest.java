package com.versionforge.token.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shared language stays plain: no framework beyond Axon's routing annotations leaks into it. */
@AnalyzeClasses(packages = "com.versionforge.token.api", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedApiBoundaryTest {

    @ArchTest
    static final ArchRule staysFreeOfSpringJpaAndWeb = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "jakarta..",
                    "javax.persistence..",
                    "org.hibernate..",
                    "com.fasterxml..",
                    "com.versionforge.token.web..",
                    "com.versionforge.token.command..",
                    "com.versionforge.token.query..");

    /** Projections that keep per-tenant order sequence by it; an event without it would land in no tenant's order. */
    @ArchTest
    static final ArchRule everyEventBelongsToATenant = classes()
            .that()
            .haveSimpleNameEndingWith("Event")
            .and()
            .areNotInterfaces()
            .should()
            .implement(TenantEvent.class);
}
