package io.eobatch.results;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** Plain Java values (maps, collections, strings, numbers, booleans, null) as JSON-P values. */
public final class JsonValues {

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
            return Json.createValue(s);
        }
        if (o instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (o instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? JsonValue.NULL : Json.createValue(d);
        }
        if (o instanceof Float f) {
            return of(f.doubleValue());
        }
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return Json.createValue(((Number) o).longValue());
        }
        if (o instanceof BigDecimal b) {
            return Json.createValue(b);
        }
        if (o instanceof Map<?, ?> m) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            m.forEach((k, v) -> b.add(String.valueOf(k), of(v)));
            return b.build();
        }
        if (o instanceof Collection<?> c) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            c.forEach(v -> b.add(of(v)));
            return b.build();
        }
        return Json.createValue(o.toString());
    }
}
