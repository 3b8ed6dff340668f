package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.claudia.router.fakeopenai.ResponsesRefusal.invalidType;
import static dev.claudia.router.fakeopenai.ResponsesRefusal.invalidValue;
import static dev.claudia.router.fakeopenai.ResponsesRefusal.known;
import static dev.claudia.router.fakeopenai.ResponsesRefusal.missing;
import static dev.claudia.router.fakeopenai.ResponsesRefusal.required;
import static dev.claudia.router.fakeopenai.ResponsesRefusal.value;

/**
 * The {@code input} array of a Responses request, checked as OpenAI checks it: each item's shape
 * (assistant messages take {@code output_text} and {@code refusal} parts only, the other roles
 * {@code input_*} parts), then the rules across items: every function call has an output and every
 * output a call before it; a reasoning item is followed by the output it produced; without
 * {@code store} a reasoning item must bring its encrypted content, and only encrypted content this
 * fake issued decrypts.
 */
final class ResponsesInput {

    private final JsonNode input;
    private final boolean store;
    private final Set<String> issued;

    ResponsesInput(JsonNode input, boolean store, Set<String> issued) {
        this.input = input;
        this.store = store;
        this.issued = issued;
    }

    void check() {
        Set<String> calls = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String at = "input[" + i + "]";
            String type = item.has("type") ? item.path("type").asText() : item.has("role") ? "message" : "";
            if (!ResponsesRules.ITEMS.containsKey(type)) {
                throw invalidValue(type, at + ".type", List.of("message", "function_call", "function_call_output",
                        "reasoning", "item_reference"));
            }
            known(item, ResponsesRules.ITEMS.get(type), at);
            switch (type) {
                case "message" -> message(item, at);
                case "function_call" -> {
                    required(item, at, "call_id", "name", "arguments");
                    calls.add(item.get("call_id").asText());
                }
                case "function_call_output" -> {
                    required(item, at, "call_id", "output");
                    if (!calls.contains(item.get("call_id").asText())) {
                        throw new ResponsesRefusal(400, "No tool call found for function call output with call_id "
                                + item.get("call_id").asText() + ".", "input", null);
                    }
                    if (item.get("output").isArray()) {
                        parts(item.get("output"), at + ".output", ResponsesRules.INPUT_PARTS);
                    }
                }
                case "reasoning" -> reasoning(item, at, i);
                default -> { }
            }
        }
        for (String call : calls) {
            if (!hasOutput(call)) {
                throw new ResponsesRefusal(400, "No tool output found for function call " + call + ".", "input", null);
            }
        }
    }

    private void message(JsonNode item, String at) {
        required(item, at, "role", "content");
        value(item.get("role"), at + ".role", ResponsesRules.ROLES);
        JsonNode content = item.get("content");
        if (content.isArray()) {
            parts(content, at + ".content", "assistant".equals(item.get("role").asText())
                    ? ResponsesRules.ASSISTANT_PARTS : ResponsesRules.INPUT_PARTS);
        } else if (!content.isTextual()) {
            throw invalidType(at + ".content", "one of a string or array of input content items", content);
        }
    }

    private void reasoning(JsonNode item, String at, int index) {
        required(item, at, "summary");
        String id = item.path("id").asText("");
        JsonNode encrypted = item.get("encrypted_content");
        if (encrypted == null || encrypted.isNull()) {
            if (!store) {
                throw new ResponsesRefusal(404, "Item with id '" + id + "' not found. Items are not persisted when `store` "
                        + "is set to false. Try again with `store` set to true, or remove this item from your input.",
                        "input", null);
            }
        } else if (!issued.contains(encrypted.asText())) {
            throw new ResponsesRefusal(400, "The encrypted content for item " + id + " could not be verified.",
                    at + ".encrypted_content", "invalid_encrypted_content");
        }
        JsonNode next = index + 1 < input.size() ? input.get(index + 1) : null;
        boolean follows = next != null && ("function_call".equals(next.path("type").asText())
                || "assistant".equals(next.path("role").asText()));
        if (!follows) {
            throw new ResponsesRefusal(400, "Item '" + id + "' of type 'reasoning' was provided without its required "
                    + "following item.", "input", null);
        }
    }

    private boolean hasOutput(String call) {
        for (JsonNode item : input) {
            if ("function_call_output".equals(item.path("type").asText()) && call.equals(item.path("call_id").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void parts(JsonNode parts, String at, List<String> allowed) {
        for (int p = 0; p < parts.size(); p++) {
            JsonNode part = parts.get(p);
            String where = at + "[" + p + "]";
            String type = part.path("type").asText();
            if (!allowed.contains(type)) {
                throw invalidValue(type, where, allowed);
            }
            known(part, ResponsesRules.PARTS.get(type), where);
            if (type.equals("input_image") && !part.has("image_url") && !part.has("file_id")) {
                throw missing(where + ".image_url");
            }
        }
    }
}
