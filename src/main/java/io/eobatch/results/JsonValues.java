package io.eobatch.results;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/** Plain Java values (maps, collections, strings, numbers, booleans, null) as JSON-P values. */
public final class JsonValues {

    /**
     * The JSON-P provider, looked up once. Every static {@code jakarta.json.Json.createXxx} call looks the provider
     * up again through {@link java.util.ServiceLoader}, in WildFly a scan of the deployment's module resources: 88 %
     * of the summary step of a 100k-AOI run went there (JFR, BENCHMARKS.md scale run 6). So this code base calls
     * {@code JsonValues.JSON.createXxx} and never {@code Json.createXxx} (JsonValuesTest checks the sources).
     */
    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonValues() {
    }

    /** The JSON value of {@code o}; NaN and infinite doubles become null. */
    public static JsonValue of(Object o) {
        if (o == null) {
            return JsonValue.NULL;
        }
        if (o instanceof JsonValue v) {
            return v;
        }
        if (o instanceof String s) {
            return JSON.createValue(s);
        }
        if (o instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (o instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? JsonValue.NULL : JSON.createValue(d);
        }
        if (o instanceof Float f) {
            return of(f.doubleValue());
        }
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return JSON.createValue(((Number) o).longValue());
        }
        if (o instanceof BigDecimal b) {
            return JSON.createValue(b);
        }
        if (o instanceof Map<?, ?> m) {
            JsonObjectBuilder b = JSON.createObjectBuilder();
            m.forEach((k, v) -> b.add(String.valueOf(k), of(v)));
            return b.build();
        }
        if (o instanceof Collection<?> c) {
            JsonArrayBuilder b = JSON.createArrayBuilder();
            c.forEach(v -> b.add(of(v)));
            return b.build();
        }
        return JSON.createValue(o.toString());
    }
}
