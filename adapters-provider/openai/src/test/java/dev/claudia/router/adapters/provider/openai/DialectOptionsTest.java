package dev.claudia.router.adapters.provider.openai;

import dev.claudia.router.adapters.provider.Calls;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.ReasoningHistory;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.ReasoningStyle;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.SystemMessages;
import dev.claudia.router.adapters.provider.openai.dialect.Dialects;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.ModelLimits;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.spi.OptionProblem;
import dev.claudia.router.provider.spi.OptionScope;
import dev.claudia.router.provider.spi.ProviderServices;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where a call's options come from: the dialect's defaults, the backend's options over them, the profile's over those. */
class DialectOptionsTest {

    private static OpenAiChatProvider provider(String baseUrl, String backendOptions) {
        return new OpenAiChatProvider(new BackendSettings("b", URI.create(baseUrl), null, null), new RawJson(backendOptions),
                new ProviderServices(Calls.ids(), Calls.quarterTokens(), Clock.systemUTC(), Duration.ofSeconds(1),
                        Duration.ofSeconds(1)));
    }

    private static ProviderCall call(String profileOptions) {
        Route route = new Route("a", "a", "b", "m", RetryPolicy.of(1, 0), RawJson.EMPTY_OBJECT, Capabilities.DEFAULT,
                ModelLimits.UNDECLARED, new RawJson(profileOptions));
        return new ProviderCall(route, Calls.hello(), "msg", () -> 1, w -> { });
    }

    @Test
    void a_backend_without_a_dialect_speaks_the_one_its_host_implies() {
        OpenAiChatProvider deepseek = provider("https://api.deepseek.com", "{}");
        assertEquals(Dialects.DEEPSEEK, deepseek.dialect());
        assertEquals("dialect deepseek (from the base URL)", deepseek.describe());
        OpenAiChatOptions options = deepseek.options(call("{}"));
        assertEquals(ReasoningStyle.THINKING_TYPE, options.reasoning());
        assertEquals(ReasoningHistory.TOOL_TURNS, options.reasoningHistory());
        assertEquals("dialect generic", provider("https://api.deepseek.com", "{\"dialect\":\"generic\"}").describe());
    }

    @Test
    void the_backends_settings_stay_over_the_defaults_of_the_dialect_a_profile_names() {
        OpenAiChatProvider provider = provider("https://api.deepseek.com", "{\"systemMessages\":\"inline\"}");
        OpenAiChatOptions mistral = provider.options(call("{\"dialect\":\"mistral\"}"));
        assertEquals(Dialects.MISTRAL, mistral.dialect());
        assertEquals(SystemMessages.INLINE, mistral.systemMessages(), "the backend's own setting");
        assertEquals(ReasoningStyle.NONE, mistral.reasoning(), "mistral's default, not deepseek's");
        assertEquals(false, mistral.streamUsage());
        OpenAiChatOptions tuned = provider.options(call("{\"reasoningHistory\":\"all\",\"toolCallsInText\":true}"));
        assertEquals(Dialects.DEEPSEEK, tuned.dialect());
        assertEquals(ReasoningHistory.ALL, tuned.reasoningHistory());
        assertEquals(true, tuned.toolCallsInText());
    }

    @Test
    void validation_names_every_wrong_value() {
        List<OptionProblem> problems = new OpenAiChatFactory().validate(OptionScope.BACKEND,
                new RawJson("{\"dialect\":\"gemeni\",\"reasoningHistory\":\"some\",\"toolCallsInText\":\"yes\"}"));
        assertEquals(List.of(
                OptionProblem.invalid("dialect", "must be one of \"nvidia-nim\", \"deepseek\", \"openrouter\", \"groq\", "
                        + "\"gemini\", \"mistral\", \"ollama\", \"lmstudio\", \"vllm\", \"llamacpp\", \"generic\""),
                OptionProblem.invalid("reasoningHistory", "must be one of \"drop\", \"tool_turns\", \"all\""),
                OptionProblem.invalid("toolCallsInText", "must be true or false")), problems);
    }
}
