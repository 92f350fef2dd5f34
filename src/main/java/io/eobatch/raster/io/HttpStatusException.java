package io.eobatch.raster.io;

import java.io.IOException;

/** An HTTP error answer to a read; {@link #status()} lets callers tell transient (429, 5xx) from final errors. */
public class HttpStatusException extends IOException {

    private final int status;

    public HttpStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status code of the answer. */
    public int status() {
        return status;
    }
}
