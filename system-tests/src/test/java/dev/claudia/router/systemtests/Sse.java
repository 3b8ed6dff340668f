package dev.claudia.router.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads an Anthropic event stream as a client does, frame by frame, insisting on the event line. */
public final class Sse {

    /** One frame: its event name, its data, and when it arrived (ms since the reader was made). */
    public record Frame(String event, JsonNode data, long atMillis) {}

    private final BufferedReader reader;
    private final long start = System.nanoTime();

    public Sse(InputStream body) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** The next frame, or null at the end of the stream. */
    public Frame next() throws IOException {
        String event = null;
        String data = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    if (event == null) {
                        throw new AssertionError("a frame without an event line: " + data);
                    }
                    return new Frame(event, RouterUnderTest.JSON.readTree(data), (System.nanoTime() - start) / 1_000_000);
                }
                continue;
            }
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = line.substring(6);
            }
        }
        return null;
    }

    public List<Frame> rest() throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (Frame f = next(); f != null; f = next()) {
            frames.add(f);
        }
        return frames;
    }

    /** Event names in order. */
    public static List<String> names(List<Frame> frames) {
        return frames.stream().map(Frame::event).toList();
    }

    /** The text of all text deltas. */
    public static String text(List<Frame> frames) {
        StringBuilder text = new StringBuilder();
        for (Frame f : frames) {
            if (f.event().equals("content_block_delta") && f.data().at("/delta/type").asText().equals("text_delta")) {
                text.append(f.data().at("/delta/text").asText());
            }
        }
        return text.toString();
    }
}
