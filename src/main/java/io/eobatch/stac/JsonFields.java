package io.eobatch.stac;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed, validating access to JSON-P object members. Every problem becomes a {@link StacException} naming the
 * document URL and the field's JSON path ({@code path} is the path of {@code obj}; "" for the document root).
 */
final class JsonFields {

    private JsonFields() {
    }

    static String join(String path, String key) {
        return path == null || path.isEmpty() ? key : path + "." + key;
    }

    static boolean isAbsent(JsonObject obj, String key) {
        JsonValue v = obj.get(key);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL;
    }

    static String requireString(JsonObject obj, String key, URI url, String path) {
        String s = optString(obj, key, url, path);
        if (s == null) {
            throw new StacException(url, join(path, key), "missing");
        }
        if (s.isBlank()) {
            throw new StacException(url, join(path, key), "empty");
        }
        return s;
    }

    static String optString(JsonObject obj, String key, URI url, String path) {
        if (isAbsent(obj, key)) {
            return null;
        }
        JsonValue v = obj.get(key);
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw new StacException(url, join(path, key), "expected a string, found " + describe(v));
    }

    static Double optDouble(JsonObject obj, String key, URI url, String path) {
        if (isAbsent(obj, key)) {
            return null;
        }
        return toDouble(obj.get(key), url, join(path, key));
    }

    /** A number, or one of the strings "nan", "inf", "-inf" the raster extension allows for nodata. */
    static Double toDouble(JsonValue v, URI url, String field) {
        if (v instanceof JsonNumber n) {
            return n.doubleValue();
        }
        if (v instanceof JsonString s) {
            switch (s.getString().toLowerCase(Locale.ROOT)) {
                case "nan":
                    return Double.NaN;
                case "inf":
                case "+inf":
                    return Double.POSITIVE_INFINITY;
                case "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new StacException(url, field, "expected a number, found " + describe(v));
    }

    static Integer optInt(JsonObject obj, String key, URI url, String path) {
        if (isAbsent(obj, key)) {
            return null;
        }
        JsonValue v = obj.get(key);
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                throw new StacException(url, join(path, key), "integer out of range: " + n);
            }
        }
        throw new StacException(url, join(path, key), "expected an integer, found " + describe(v));
    }

    static Boolean optBoolean(JsonObject obj, String key, URI url, String path) {
        if (isAbsent(obj, key)) {
            return null;
        }
        JsonValue v = obj.get(key);
        if (v == JsonValue.TRUE) {
            return Boolean.TRUE;
        }
        if (v == JsonValue.FALSE) {
            return Boolean.FALSE;
        }
        if (v.getValueType() == JsonValue.ValueType.TRUE) {
            return Boolean.TRUE;
        }
        if (v.getValueType() == JsonValue.ValueType.FALSE) {
            return Boolean.FALSE;
        }
        throw new StacException(url, join(path, key), "expected true or false, found " + describe(v));
    }

    static JsonObject optObject(JsonObject obj, String key, URI url, String path) {
        if (isAbsent(obj, key)) {
            return null;
        }
        JsonValue v = obj.get(key);
        if (v instanceof JsonObject o) {
            return o;
        }
        throw new StacException(url, join(path, key), "expected an object, found " + describe(v));
    }

    static JsonArray optArray(JsonObject obj, String key, URI url, String path) {
        if (isAbsent(obj, key)) {
            return null;
        }
        JsonValue v = obj.get(key);
        if (v instanceof JsonArray a) {
            return a;
        }
        throw new StacException(url, join(path, key), "expected an array, found " + describe(v));
    }

    static JsonObject objectAt(JsonArray array, int i, URI url, String field) {
        JsonValue v = array.get(i);
        if (v instanceof JsonObject o) {
            return o;
        }
        throw new StacException(url, field + "[" + i + "]", "expected an object, found " + describe(v));
    }

    static double[] optDoubles(JsonObject obj, String key, URI url, String path) {
        JsonArray a = optArray(obj, key, url, path);
        if (a == null) {
            return null;
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toDouble(a.get(i), url, join(path, key) + "[" + i + "]");
        }
        return out;
    }

    static int[] optInts(JsonObject obj, String key, URI url, String path) {
        JsonArray a = optArray(obj, key, url, path);
        if (a == null) {
            return null;
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonValue v = a.get(i);
            if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
                throw new StacException(url, join(path, key) + "[" + i + "]", "expected an integer, found " + describe(v));
            }
            out[i] = n.intValue();
        }
        return out;
    }

    static List<String> optStrings(JsonObject obj, String key, URI url, String path) {
        JsonArray a = optArray(obj, key, url, path);
        if (a == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonValue v = a.get(i);
            if (!(v instanceof JsonString s)) {
                throw new StacException(url, join(path, key) + "[" + i + "]", "expected a string, found " + describe(v));
            }
            out.add(s.getString());
        }
        return List.copyOf(out);
    }

    /** An RFC 3339 date-time ("2023-08-15T09:58:11.662000Z", "2022-11-06T09:32:34.081877+00:00"). */
    static Instant parseInstant(String s, URI url, String field) {
        try {
            return OffsetDateTime.parse(s.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new StacException(url, field, "not an RFC 3339 date-time: \"" + s + "\"", e);
        }
    }

    /** Resolves a link or asset href against the document's URL; absolute hrefs stay as they are. */
    static URI resolve(URI base, String href, URI url, String field) {
        URI h;
        try {
            h = new URI(href);
        } catch (URISyntaxException e) {
            throw new StacException(url, field, "not a URI: \"" + href + "\"", e);
        }
        if (h.isAbsolute() || base == null) {
            return h;
        }
        try {
            return base.resolve(h);
        } catch (IllegalArgumentException e) {
            throw new StacException(url, field, "cannot resolve \"" + href + "\" against " + base, e);
        }
    }

    static String describe(JsonValue v) {
        if (v == null) {
            return "nothing";
        }
        String s = v.toString();
        if (s.length() > 60) {
            s = s.substring(0, 60) + "...";
        }
        return v.getValueType().name().toLowerCase(Locale.ROOT) + " " + s;
    }
}
