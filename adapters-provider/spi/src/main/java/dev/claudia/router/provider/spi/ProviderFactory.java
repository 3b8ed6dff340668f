package dev.claudia.router.provider.spi;

import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.ChatProvider;

import java.util.List;

/**
 * Makes {@link ChatProvider}s of one kind: the plug-in point for provider adapters. One instance per
 * adapter module, found with {@link java.util.ServiceLoader} (so it needs a public no-argument
 * constructor); it must be thread-safe and cheap to construct.
 *
 * <p>Options are the adapter's own: config.json's {@code backends.<name>.options} (given to
 * {@link #create}) and {@code modelProfiles.<alias>.options} (carried by each route,
 * {@code ProviderCall.route().options()}, and read by the provider per call). Both are JSON objects,
 * handed over as {@link RawJson} text because the router does not know their schema: the adapter
 * reads them with the JSON library it already uses for its wire format (the support module has an
 * {@code OptionsReader} on Jackson). Every option is checked by {@link #validate} at start-up,
 * before {@link #create}, so a provider may assume valid options at run time.
 */
public interface ProviderFactory {

    /** The value of {@code backends.<name>.adapter} that selects this adapter, e.g. {@code "openai-chat"}. */
    String name();

    /**
     * Checks options of one scope and reports every problem, not just the first. Paths are relative
     * to the options object ({@code "reasoning"}, {@code "dropBetas.2"}); the router prefixes them with
     * where the object sits in config.json and lists them with the rest of the file's problems.
     *
     * @param options a JSON object ({@code {}} when config.json has none)
     * @return no problems when the options are valid
     */
    List<OptionProblem> validate(OptionScope scope, RawJson options);

    /**
     * A provider for one backend. Called once per backend at start-up, after {@link #validate}
     * accepted {@code options}.
     *
     * @param options the backend's options ({@code backends.<name>.options}), a JSON object
     */
    ChatProvider create(BackendSettings backend, RawJson options, ProviderServices services);

    /**
     * True when this adapter's answers are the provider's own bytes in Anthropic's format, written to
     * the client as received ({@code Verbatim} responses, {@code StreamEvent.Forwarded} events): the
     * router can then neither fold a stream into a message nor make events of a whole answer, so its
     * profiles must keep {@code capabilities.streaming} at {@code true}.
     */
    default boolean answersVerbatim() {
        return false;
    }
}
