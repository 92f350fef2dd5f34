package io.eobatch.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, the body of every error eobatch answers. {@code field} names the request field
 * (a job parameter, a feature of a GeoJSON upload, a query parameter) that is wrong, when there is one.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "field", "instance"})
@Schema(name = "Problem", description = "An RFC 9457 problem detail: the body of every error answer, "
        + Problem.MEDIA_TYPE)
public class Problem {


    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = new MediaType("application", "problem+json"); // no RuntimeDelegate needed

    @Schema(description = "a URI naming the kind of problem; about:blank: the status says it all")
    public String type = "about:blank";
    @Schema(description = "the status's reason phrase", examples = "Bad Request")
    public String title;
    @Schema(description = "the HTTP status code", examples = "400")
    public int status;
    @Schema(description = "what is wrong, for a person", examples = "'2023-13-01' is not a date (yyyy-MM-dd)")
    public String detail;
    @Schema(description = "the request field at fault (a job parameter, a query parameter, body, a feature), "
            + "when there is one", examples = "from")
    public String field;
    @Schema(description = "a URI of this occurrence, when there is one")
    public String instance;
    /** Further facts about the problem (e.g. the feature index of a bad feature). */
    @Schema(description = "further facts about the problem (e.g. the rejected features of an upload)")
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
