package io.eobatch.provider.throttle;

import java.util.function.Supplier;

import io.eobatch.provider.ItemDataException;

/**
 * A provider answered 2xx with a body that cannot be read (not JSON, a field missing or of the wrong type). It fails
 * the item, not the partition, and is not retried: the same request gets the same body.
 */
public class MalformedResponseException extends ItemDataException {

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Runs a parser and turns what a parser throws on bad input (JSON-P's {@code JsonException}, a
     * {@code ClassCastException} for a field of the wrong type, a {@code NullPointerException} for a missing one, a
     * bad number or date) into this exception, naming {@code what} was parsed.
     */
    public static <T> T parse(String what, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (MalformedResponseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedResponseException(what + ": malformed answer: " + e, e);
        }
    }
}
