package com.acme.claudia.gateway;

import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.provider.spi.OptionProblem;
import dev.claudia.router.provider.spi.OptionScope;
import dev.claudia.router.provider.spi.ProviderFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the adapter says about its options: every problem, each with its path inside the options object. */
class GatewayOptionsTest {

    private static List<String> problems(OptionScope scope, String options) {
        return new GatewayFactory().validate(scope, new RawJson(options)).stream()
                .map(p -> p.path() + ": " + p.message()).toList();
    }

    @Test
    void a_backend_needs_a_well_formed_tenant_and_a_known_priority() {
        assertEquals(List.of(), problems(OptionScope.BACKEND, "{\"tenant\":\"research\",\"priority\":\"batch\"}"));
        assertEquals(List.of("tenant: required: the gateway bills every request to a tenant (your team's cost centre, "
                + "e.g. \"research\")"), problems(OptionScope.BACKEND, "{}"));
        assertEquals(List.of("priority: must be one of \"interactive\", \"batch\"", "colour: unknown option",
                        "tenant: must be lower-case letters, digits and dashes, starting with a letter, at most 40 (got \"R&D\")"),
                problems(OptionScope.BACKEND, "{\"tenant\":\"R&D\",\"priority\":\"urgent\",\"colour\":1}"));
        assertEquals(List.of("tenant: must be a non-empty string"), problems(OptionScope.BACKEND, "{\"tenant\":7}"));
    }

    @Test
    void a_profile_may_set_its_priority_but_not_the_tenant() {
        assertEquals(List.of(), problems(OptionScope.PROFILE, "{\"priority\":\"batch\"}"));
        assertEquals(List.of("tenant: set it on the backend: one gateway key bills one tenant"),
                problems(OptionScope.PROFILE, "{\"tenant\":\"research\"}"));
        GatewayOptions backend = GatewayOptions.read(OptionScope.BACKEND, new RawJson("{\"tenant\":\"research\"}"), null);
        GatewayOptions profile = GatewayOptions.read(OptionScope.PROFILE, new RawJson("{\"priority\":\"batch\"}"), backend);
        assertEquals(new GatewayOptions("research", GatewayOptions.Priority.BATCH), profile);
        assertEquals(GatewayOptions.Priority.INTERACTIVE, backend.priority());
    }

    @Test
    void the_service_loader_finds_the_factory_by_its_services_file() {
        List<String> names = ServiceLoader.load(ProviderFactory.class).stream().map(p -> p.get().name()).toList();
        assertTrue(names.contains("acme-gateway"), names.toString());
    }

    @Test
    void options_that_are_not_an_object_are_one_problem_at_the_root() {
        List<OptionProblem> problems = new GatewayFactory().validate(OptionScope.PROFILE, new RawJson("[1]"));
        assertEquals("", problems.getFirst().path());
    }
}
