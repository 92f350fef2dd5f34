package io.eobatch.aoi;

import java.util.List;

/**
 * AOIs could not be stored because some of their ids are already taken; {@link #ids()} lists them (empty when
 * another request stored one of them at the same moment, detected by the database's unique key only).
 */
public class AoiConflictException extends RuntimeException {

    private final List<String> ids;

    public AoiConflictException(List<String> ids, String message) {
        super(message);
        this.ids = List.copyOf(ids);
    }

    public AoiConflictException(List<String> ids) {
        this(ids, "AOI id" + (ids.size() == 1 ? " " : "s ") + ids + (ids.size() == 1 ? " is" : " are")
                + " already stored: delete " + (ids.size() == 1 ? "it" : "them") + " first or use other ids");
    }

    public List<String> ids() {
        return ids;
    }
}
