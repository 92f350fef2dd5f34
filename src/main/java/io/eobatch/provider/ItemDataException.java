package io.eobatch.provider;

/**
 * A failure that belongs to one item and will not pass by retrying (malformed scene metadata, an undecodable
 * file, a request the provider refuses): the item is marked FAILED with the reason and the partition goes on.
 */
public class ItemDataException extends RuntimeException {
    public ItemDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
