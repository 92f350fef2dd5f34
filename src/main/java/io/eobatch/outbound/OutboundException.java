package io.eobatch.outbound;

import java.io.IOException;

/**
 * An outbound request that eobatch itself refused or cut short, and that would end the same way if tried again: a
 * URL outside the policy ({@link OutboundRefusedException}) or an answer larger than the limit
 * ({@link BodyTooLargeException}). Callers treat it as the item's own failure (not transient: no retry).
 */
public class OutboundException extends IOException {

    private static final long serialVersionUID = 1L;

    public OutboundException(String message) {
        super(message);
    }

    /** The first {@link OutboundException} in the cause chain of {@code t} (itself included), or null. */
    public static OutboundException in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutboundException o) {
                return o;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
