package io.eobatch.aoi;

import java.util.List;

/** Some AOI ids asked for are not stored; {@link #ids()} lists them, in the order asked. */
public class UnknownAoiException extends RuntimeException {

    private final List<String> ids;

    public UnknownAoiException(List<String> ids) {
        super("unknown AOI id" + (ids.size() == 1 ? " " : "s ") + ids + ": upload them with POST /api/aois, or list"
                + " the stored ones with GET /api/aois");
        this.ids = List.copyOf(ids);
    }

    public List<String> ids() {
        return ids;
    }
}
