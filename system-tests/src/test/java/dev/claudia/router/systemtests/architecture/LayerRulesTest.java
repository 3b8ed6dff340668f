package dev.claudia.router.systemtests.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hexagon's rules, over the production classes of every module (JPMS already stops a module
 * from reading what it does not require; these rules also cover what JPMS cannot see).
 */
class LayerRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.claudia.router");
        assertTrue(classes.size() > 100, "the production classes were found: " + classes.size());
    }

    @Test
    void the_domain_uses_nothing_but_the_jdk() {
        ArchRule rule = classes().that().resideInAPackage("dev.claudia.router.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.claudia.router.domain..");
        rule.check(classes);
    }

    @Test
    void the_application_knows_no_web_json_or_injection_framework() {
        noClasses().that().resideInAPackage("dev.claudia.router.application..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "org.glassfish..", "com.fasterxml..",
                        "javax.inject..", "dev.claudia.router.adapters..", "dev.claudia.router.bootstrap..")
                .check(classes);
    }

    @Test
    void resilience4j_lives_only_in_the_application() {
        noClasses().that().resideOutsideOfPackage("dev.claudia.router.application..")
                .should().dependOnClassesThat().resideInAPackage("io.github.resilience4j..")
                .check(classes);
    }

    @Test
    void adapters_do_not_depend_on_each_other() {
        noClasses().that().resideInAPackage("dev.claudia.router.adapters.http..")
                .should().dependOnClassesThat().resideInAPackage("dev.claudia.router.adapters.provider..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.claudia.router.adapters.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.claudia.router.adapters.http..",
                        "dev.claudia.router.application..")
                .check(classes);
    }

    @Test
    void wire_types_never_leave_their_adapter() {
        noClasses().that().resideOutsideOfPackage("dev.claudia.router.adapters.http..")
                .should().dependOnClassesThat().resideInAPackage("dev.claudia.router.adapters.http.wire..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.claudia.router.adapters.provider..")
                .should().dependOnClassesThat().resideInAPackage("dev.claudia.router.adapters.provider.openai.wire..")
                .check(classes);
    }

    @Test
    void only_bootstrap_wires_with_hk2_and_starts_the_server() {
        noClasses().that().resideOutsideOfPackage("dev.claudia.router.bootstrap..")
                .should().dependOnClassesThat().resideInAnyPackage("org.glassfish.hk2..", "org.glassfish.jersey.inject..",
                        "org.glassfish.jersey.jdkhttp..", "picocli..")
                .check(classes);
    }

    @Test
    void the_domain_and_application_do_not_depend_on_outer_layers() {
        noClasses().that().resideInAPackage("dev.claudia.router.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.claudia.router.application..",
                        "dev.claudia.router.adapters..", "dev.claudia.router.bootstrap..")
                .check(classes);
    }
}
