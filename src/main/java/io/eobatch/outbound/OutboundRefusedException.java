package io.eobatch.outbound;

/**
 * A URL that the {@link OutboundPolicy} in force does not allow (scheme, host, link-local address, a redirect that
 * leaves the origin of a request with credentials, too many redirects): nothing was sent to it. The message names
 * the URL, the reason and, where one exists, the setting that would allow it.
 */
public class OutboundRefusedException extends OutboundException {

    private static final long serialVersionUID = 1L;

    public OutboundRefusedException(String message) {
        super(message);
    }
}
