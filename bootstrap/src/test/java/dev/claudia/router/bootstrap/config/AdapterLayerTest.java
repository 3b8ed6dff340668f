package dev.claudia.router.bootstrap.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adapters folders' module layer: what loads, and a clear message naming the jar or the folder
 * for what cannot. The services here are the JDK's own ({@code ToolProvider}), since these tests run
 * on the class path where the router's modules are not in the boot layer; the real adapters are
 * loaded this way by system-tests' TeamAdapterEndToEndTest, on the packaged router's module path.
 */
class AdapterLayerTest {

    @TempDir
    Path folder;

    private static final String TOOL = """
            package com.acme.tool;
            public final class Hello implements java.util.spi.ToolProvider {
                public String name() { return "acme-hello"; }
                public int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) { return 0; }
            }
            """;

    @Test
    void the_jars_of_the_folder_become_a_layer_whose_providers_the_service_loader_finds() throws Exception {
        ModuleJars.build(folder.resolve("acme-tool.jar"), Map.of(
                "module-info.java", "module com.acme.tool { provides java.util.spi.ToolProvider with com.acme.tool.Hello; }",
                "com/acme/tool/Hello.java", TOOL));
        ModuleLayer layer = AdapterLayer.load(List.of(folder), ModuleLayer.boot(), w -> { }).orElseThrow();
        List<String> names = ServiceLoader.load(layer, ToolProvider.class).stream().map(p -> p.get().name()).toList();
        assertTrue(names.contains("acme-hello"), names.toString());
        assertTrue(names.contains("javac") || names.contains("jar"), "the parent layer's providers too: " + names);
    }

    @Test
    void an_empty_folder_adds_no_layer() {
        assertTrue(AdapterLayer.load(List.of(folder), ModuleLayer.boot(), w -> { }).isEmpty());
    }

    @Test
    void a_file_that_is_not_a_jar_is_named_with_its_folder() throws Exception {
        Path bad = Files.writeString(folder.resolve("broken.jar"), "not a zip");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AdapterLayer.load(List.of(folder), ModuleLayer.boot(), w -> { }));
        assertTrue(e.getMessage().startsWith("cannot load the adapter jar " + bad + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("remove it from " + folder), e.getMessage());
    }

    @Test
    void a_module_an_adapter_requires_that_nobody_has_is_named() throws Exception {
        Path lib = ModuleJars.build(Files.createTempDirectory("lib").resolve("lib.jar"), Map.of(
                "module-info.java", "module com.acme.lib { exports com.acme.lib; }",
                "com/acme/lib/Lib.java", "package com.acme.lib; public final class Lib {}"));
        ModuleJars.build(folder.resolve("needs-lib.jar"), Map.of(
                "module-info.java", "module com.acme.needy { requires com.acme.lib; }",
                "com/acme/needy/Needy.java", "package com.acme.needy; public final class Needy { com.acme.lib.Lib lib; }"), lib);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AdapterLayer.load(List.of(folder), ModuleLayer.boot(), w -> { }));
        assertTrue(e.getMessage().startsWith("the adapters in " + folder + " cannot be loaded: "), e.getMessage());
        assertTrue(e.getMessage().contains("com.acme.lib") && e.getMessage().contains("com.acme.needy"), e.getMessage());

        Files.copy(lib, folder.resolve("lib.jar"));
        assertTrue(AdapterLayer.load(List.of(folder), ModuleLayer.boot(), w -> { }).isPresent(), "with its library it loads");
    }

    @Test
    void two_jars_of_one_module_stop_and_a_copy_of_a_routers_module_is_skipped_with_a_warning() throws Exception {
        Map<String, String> tool = Map.of(
                "module-info.java", "module com.acme.tool { provides java.util.spi.ToolProvider with com.acme.tool.Hello; }",
                "com/acme/tool/Hello.java", TOOL);
        ModuleJars.build(folder.resolve("a.jar"), tool);
        ModuleJars.build(folder.resolve("b.jar"), tool);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AdapterLayer.load(List.of(folder), ModuleLayer.boot(), w -> { }));
        assertEquals("two jars hold module com.acme.tool: " + folder.resolve("a.jar") + " and " + folder.resolve("b.jar")
                + "; remove one", e.getMessage());

        Files.delete(folder.resolve("a.jar"));
        Files.delete(folder.resolve("b.jar"));
        ModuleJars.build(folder.resolve("java-sql-copy.jar"), Map.of("module-info.java", "module java.sql { }"));
        List<String> warnings = new ArrayList<>();
        assertTrue(AdapterLayer.load(List.of(folder), ModuleLayer.boot(), warnings::add).isEmpty());
        assertEquals(List.of(folder.resolve("java-sql-copy.jar") + ": module java.sql is part of the router already; "
                + "the router's is used"), warnings);
    }

    @Test
    void the_folders_are_claudia_adapters_else_the_users_own_when_it_exists() throws Exception {
        Path home = Files.createTempDirectory("home");
        assertEquals(List.of(), Adapters.folders(new Environment(Map.of()), home));
        Path standard = Files.createDirectories(home.resolve(".claudia/adapters"));
        assertEquals(List.of(standard), Adapters.folders(new Environment(Map.of()), home));
        assertEquals(List.of(folder), Adapters.folders(new Environment(Map.of("CLAUDIA_ADAPTERS", folder.toString())), home));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Adapters.folders(
                new Environment(Map.of("CLAUDIA_ADAPTERS", folder.resolve("nope").toString())), home));
        assertEquals("CLAUDIA_ADAPTERS names " + folder.resolve("nope") + ", which is not a folder", e.getMessage());
    }
}
