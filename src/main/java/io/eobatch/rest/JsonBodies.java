package io.eobatch.rest;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

/** Reading request bodies: JSON objects of job parameters. */
final class JsonBodies {

    private JsonBodies() {
    }

    /** Parses a body that must be a JSON object (an empty body is an empty object). */
    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonStructure s;
        try (var r = Json.createReader(new StringReader(body))) {
            s = r.read();
        } catch (JsonParsingException e) {
            throw ProblemException.badRequest("body", "not valid JSON: " + e.getMessage());
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("body", "not valid JSON: " + e.getMessage());
        }
        if (!(s instanceof JsonObject o)) {
            throw ProblemException.badRequest("body", "must be a JSON object of job parameters");
        }
        return o;
    }

    /** Job parameters as text: strings as they are, numbers and booleans printed, arrays joined by commas. */
    static Map<String, String> parameters(JsonObject json) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : json.entrySet()) {
            out.put(e.getKey(), text(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static String text(String name, JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> ((JsonNumber) v).toString();
            case TRUE -> "true";
            case FALSE -> "false";
            case NULL -> null;
            case ARRAY -> ((JsonArray) v).stream().map(x -> {
                if (x instanceof JsonString js) {
                    return js.getString();
                }
                if (x instanceof JsonNumber jn) {
                    return jn.toString();
                }
                throw ProblemException.badRequest(name, "array elements must be strings or numbers");
            }).collect(Collectors.joining(","));
            case OBJECT -> throw ProblemException.badRequest(name, "must be a string, number or array");
        };
    }
}
