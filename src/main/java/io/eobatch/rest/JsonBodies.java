package io.eobatch.rest;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import io.eobatch.batch.JobDefinition;
import io.eobatch.batch.ParameterSpec;
import io.eobatch.results.JsonValues;

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
        try (var r = JsonValues.JSON.createReader(new StringReader(body))) {
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

    /**
     * Job parameters as text, each JSON value checked against its parameter's type first, so that what reaches
     * {@link JobDefinition#toProperties} is what the client meant (400 naming the parameter otherwise):
     * <ul>
     *   <li>{@code null} is refused: leaving a parameter out gives its default (a restart keeps its value); a
     *       {@code null} that silently did the same could remove a budget;</li>
     *   <li>integer and number: a JSON number, or a string holding one (job parameters are text in JBeret, and
     *       shell clients send strings); date, period, string and enum: a JSON string (a true/false choice also
     *       a JSON boolean); list: a JSON array of strings or numbers, or a comma separated string, never empty
     *       (leave it out for its default);</li>
     *   <li>objects, and booleans or arrays where the type has none, are refused;</li>
     *   <li>parameters only the server sets ({@link #SERVER_ONLY}: {@code retryOf}) are refused.</li>
     * </ul>
     */
    static Map<String, String> parameters(JsonObject json, JobDefinition job) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : json.entrySet()) {
            String name = e.getKey();
            if (SERVER_ONLY.contains(name)) {
                throw ProblemException.badRequest(name, "is set by the server (POST /api/executions/{id}/retry-failed)"
                        + "; a client may not give it");
            }
            ParameterSpec spec = job.parameter(name);
            if (spec == null) {
                throw ProblemException.badRequest(name, "unknown parameter of job " + job.id() + "; known: "
                        + job.parameters().stream().map(ParameterSpec::name).filter(n -> !SERVER_ONLY.contains(n))
                        .toList());
            }
            out.put(name, text(spec, e.getValue()));
        }
        return out;
    }

    /** Parameters a client may not give: the server sets them ({@code retryOf}: retry-failed). */
    static final Set<String> SERVER_ONLY = Set.of(ParameterSpec.RETRY_OF.name());

    private static String text(ParameterSpec spec, JsonValue v) {
        String name = spec.name();
        JsonValue.ValueType t = v.getValueType();
        if (t == JsonValue.ValueType.NULL) {
            throw ProblemException.badRequest(name, "is null; leave it out to use its default (on a restart: to keep "
                    + "its value)");
        }
        String wanted = switch (spec.type()) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "list" -> "an array of ids or a comma separated string";
            case "enum" -> "one of " + spec.allowed() + " as a string";
            case "date" -> "a date string (yyyy-MM-dd)";
            case "period" -> "an ISO-8601 period string (P1D)";
            default -> "a string";
        };
        String text = switch (t) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> spec.type().equals("integer") || spec.type().equals("number")
                    ? ((JsonNumber) v).toString() : null;
            case TRUE, FALSE -> spec.type().equals("enum") && spec.allowed().contains(t == JsonValue.ValueType.TRUE
                    ? "true" : "false") ? String.valueOf(t == JsonValue.ValueType.TRUE) : null;
            case ARRAY -> spec.type().equals("list") ? list(name, (JsonArray) v) : null;
            default -> null;
        };
        if (text == null) {
            throw ProblemException.badRequest(name, "must be " + wanted + ", not a JSON " + kind(t));
        }
        if (spec.type().equals("list") && java.util.Arrays.stream(text.split(",")).allMatch(String::isBlank)) {
            throw ProblemException.badRequest(name, "is empty; leave it out to use its default, or name at least one");
        }
        return text;
    }

    private static String list(String name, JsonArray array) {
        if (array.isEmpty()) {
            throw ProblemException.badRequest(name, "is an empty list; leave it out to use its default, or name at "
                    + "least one");
        }
        return array.stream().map(x -> {
            String s = x instanceof JsonString js ? js.getString() : x instanceof JsonNumber jn ? jn.toString() : null;
            if (s == null || s.isBlank()) {
                throw ProblemException.badRequest(name, "array elements must be non-empty strings or numbers, not "
                        + (s == null ? "a JSON " + kind(x.getValueType()) : "an empty string"));
            }
            return s;
        }).collect(Collectors.joining(","));
    }

    private static String kind(JsonValue.ValueType t) {
        return switch (t) {
            case TRUE, FALSE -> "boolean";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
