package io.eobatch.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

class JsonValuesTest {

    @Test
    void plainValuesBecomeJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a");
        m.put("n", 3);
        m.put("d", 0.5);
        m.put("nan", Double.NaN);
        m.put("none", null);
        m.put("list", List.of(true, 2L));
        assertEquals("{\"s\":\"a\",\"n\":3,\"d\":0.5,\"nan\":null,\"none\":null,\"list\":[true,2]}",
                JsonValues.of(m).toString());
        assertSame(JsonValue.NULL, JsonValues.of(Double.POSITIVE_INFINITY));
    }

    /**
     * No source calls the static {@code Json.createXxx}: each call looks the provider up again through the
     * ServiceLoader (in WildFly a module resource scan; 88 % of a 100k-AOI summary). {@link JsonValues#JSON} instead.
     */
    @Test
    void noSourceLooksTheJsonProviderUpPerCall() throws IOException {
        Pattern perCall = Pattern.compile("(?<![A-Za-z_.])Json\\.create\\w*\\(|jakarta\\.json\\.Json\\.create\\w*\\(");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (perCall.matcher(lines.get(i)).find()) {
                        found.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "use JsonValues.JSON.createXxx instead of Json.createXxx:\n"
                + String.join("\n", found));
    }
}
