package io.eobatch.aoi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An upload of AOIs is refused as a whole. {@link #field()} names the feature (e.g. {@code features[2]}, or
 * {@code aois[fid=3]} for a GeoPackage layer), {@link #getMessage()} the reason, {@link #facts()} further facts
 * (feature index, id, every other problem found). The REST layer turns it into a problem+json answer with the
 * status of {@link #kind()}.
 */
public class AoiRejectedException extends RuntimeException {

    /** Why an upload is refused; each kind maps to one HTTP status. */
    public enum Kind {
        /** The content is wrong (400). */
        INVALID(400),
        /** An id is already taken, in the store or earlier in the same upload (409). */
        CONFLICT(409),
        /** A size limit of {@link AoiLimits} is exceeded (413). */
        TOO_LARGE(413);

        public final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    /** One problem of an upload, for the list of all problems found. */
    public record Issue(String field, String detail) {
    }

    private final Kind kind;
    private final String field;
    private final Map<String, Object> facts;

    public AoiRejectedException(Kind kind, String field, String detail) {
        this(kind, field, detail, Map.of());
    }

    public AoiRejectedException(Kind kind, String field, String detail, Map<String, Object> facts) {
        super(detail);
        this.kind = kind;
        this.field = field;
        this.facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public static AoiRejectedException invalid(String field, String detail) {
        return new AoiRejectedException(Kind.INVALID, field, detail);
    }

    public static AoiRejectedException tooLarge(String field, String detail) {
        return new AoiRejectedException(Kind.TOO_LARGE, field, detail);
    }

    /** The first of {@code issues} as the answer, the whole list (at most 100) in the facts as {@code errors}. */
    static AoiRejectedException of(Kind kind, List<Issue> issues, Map<String, Object> facts) {
        Issue first = issues.get(0);
        Map<String, Object> all = new LinkedHashMap<>(facts);
        if (issues.size() > 1) {
            all.put("errors", issues.subList(0, Math.min(100, issues.size())).stream()
                    .map(i -> Map.of("field", i.field(), "detail", i.detail())).toList());
            all.put("errorCount", issues.size());
        }
        return new AoiRejectedException(kind, first.field(), first.detail(), all);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public Map<String, Object> facts() {
        return facts;
    }
}
