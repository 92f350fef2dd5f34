package io.eobatch.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, the body of every error eobatch answers. {@code field} names the request field
 * (a job parameter, a feature of a GeoJSON upload, a query parameter) that is wrong, when there is one.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "field", "instance"})
public class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = new MediaType("application", "problem+json"); // no RuntimeDelegate needed

    public String type = "about:blank";
    public String title;
    public int status;
    public String detail;
    public String field;
    public String instance;
    /** Further facts about the problem (e.g. the feature index of a bad feature). */
    public Map<String, Object> extra;

    public Problem() {
    }

    public Problem(Response.Status status, String detail, String field) {
        this.status = status.getStatusCode();
        this.title = status.getReasonPhrase();
        this.detail = detail;
        this.field = field;
    }

    public Problem with(String key, Object value) {
        if (extra == null) {
            extra = new LinkedHashMap<>();
        }
        extra.put(key, value);
        return this;
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }
}
