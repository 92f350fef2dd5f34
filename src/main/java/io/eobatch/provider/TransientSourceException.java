package io.eobatch.provider;

/**
 * A failure of a data source that may pass (HTTP 429/5xx, timeout, connection reset): declared retryable in
 * the job XML; when the retries are used up the partition fails and a restart resumes it.
 */
public class TransientSourceException extends RuntimeException {
    public TransientSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
