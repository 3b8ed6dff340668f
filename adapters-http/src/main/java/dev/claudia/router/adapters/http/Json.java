package dev.claudia.router.adapters.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The adapter's one JSON configuration: Anthropic's snake_case names from the records' camelCase
 * components, and read limits sized for the 32 MB bodies Anthropic accepts (a single base64 image
 * can exceed Jackson's default 20 M-character string cap).
 */
@Provider
public final class Json implements ContextResolver<ObjectMapper> {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Math.toIntExact(HttpSettings.ANTHROPIC_MAX_BODY + 1024))
                .maxNestingDepth(2000)
                .build());
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return MAPPER;
    }
}
