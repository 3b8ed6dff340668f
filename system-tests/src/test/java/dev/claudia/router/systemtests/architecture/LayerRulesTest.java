package dev.claudia.router.systemtests.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void provider_adapters_do_not_depend_on_each_other_nor_on_what_is_not_the_spi_or_support() {
        // openai, anthropic, responses, tokens (and any adapter added under this package) are independent slices
        slices().matching("dev.claudia.router.adapters.provider.(*)..").should().notDependOnEachOther().check(classes);
        noClasses().that().resideInAPackage("dev.claudia.router.adapters.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.claudia.router.bootstrap..")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.claudia.router.provider.spi..", "dev.claudia.router.provider.support..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.claudia.router.adapters..",
                        "dev.claudia.router.application..", "dev.claudia.router.bootstrap..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.claudia.router.bootstrap..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.claudia.router.adapters.provider.openai..",
                        "dev.claudia.router.adapters.provider.anthropic..", "dev.claudia.router.adapters.provider.responses..",
                        "dev.claudia.router.provider.support..")
                .because("bootstrap finds adapters through the SPI (ServiceLoader), it never names one")
                .check(classes);
    }

    @Test
    void the_provider_spi_exposes_no_jersey_jackson_or_hk2_types() {
        classes().that().resideInAPackage("dev.claudia.router.provider.spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.claudia.router.domain..",
                        "dev.claudia.router.provider.spi..")
                .because("a team's adapter needs nothing of ours but the SPI and the domain")
                .check(classes);
    }

    @Test
    void the_domain_keeps_no_adapter_specific_options() {
        List<JavaClass> options = classes.stream().filter(c -> c.getPackageName().startsWith("dev.claudia.router.adapters.provider")
                && c.isRecord() && c.getSimpleName().endsWith("Options")).toList();
        assertTrue(options.size() >= 2, "the adapters' options records were found: " + options);
        Set<String> optionNames = new TreeSet<>();
        Set<String> optionTypes = new TreeSet<>();
        for (JavaClass record : options) {
            record.getFields().stream().filter(f -> !f.getModifiers().contains(JavaModifier.STATIC))
                    .forEach(f -> optionNames.add(f.getName()));
            classes.stream().filter(c -> c.getEnclosingClass().map(record::equals).orElse(false))
                    .forEach(c -> optionTypes.add(c.getSimpleName()));
        }
        List<String> leftovers = new ArrayList<>();
        classes.stream().filter(c -> c.getPackageName().startsWith("dev.claudia.router.domain")).forEach(c -> {
            if (optionTypes.contains(c.getSimpleName())) {
                leftovers.add("type " + c.getName());
            }
            c.getFields().stream().filter(f -> optionNames.contains(f.getName()))
                    .forEach(f -> leftovers.add("field " + c.getName() + "." + f.getName()));
        });
        assertEquals(List.of(), leftovers, "adapter options (" + optionNames + ", " + optionTypes + ") belong to their adapter");
    }

    @Test
    void wire_types_never_leave_their_adapter() {
        noClasses().that().resideOutsideOfPackage("dev.claudia.router.adapters.http..")
                .should().dependOnClassesThat().resideInAPackage("dev.claudia.router.adapters.http.wire..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.claudia.router.adapters.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.claudia.router.adapters.provider.openai.wire..",
                        "dev.claudia.router.adapters.provider.responses.wire..")
                .check(classes);
    }

    @Test
    void only_bootstrap_wires_with_hk2_and_starts_the_server() {
        noClasses().that().resideOutsideOfPackage("dev.claudia.router.bootstrap..")
                .should().dependOnClassesThat().resideInAnyPackage("org.glassfish.hk2..", "org.glassfish.jersey.inject..",
                        "org.glassfish.jersey.jdkhttp..", "org.apache.commons.cli..")
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
