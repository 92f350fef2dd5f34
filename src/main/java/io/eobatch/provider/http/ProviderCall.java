package io.eobatch.provider.http;

import io.eobatch.provider.TransientSourceException;
import java.util.concurrent.Callable;

/**
 * The seam where the shared per-account throttle plugs in: every billable HTTP request of a provider client runs
 * through {@link #run}, one call per HTTP attempt (a retry after a 401 is a second call), with the request's cost.
 *
 * <p>{@code cost} is in the provider's billing unit: Sentinel Hub processing units as computed by
 * {@link io.eobatch.provider.sentinelhub.SentinelHubRequestCost} (0 for nothing billable); ObservEarth has no
 * published unit, its client passes 0 and the throttle counts the request itself. Token requests do not go through here: they happen between attempts,
 * never inside one, so a throttle that holds a permit around {@code call} is never entered twice by one thread.
 *
 * <p>An implementation runs {@code call} (at most once per {@code run}, or again when it decides to retry), and lets
 * the call's unchecked exceptions through: {@link ProviderHttpException} (an HTTP error answer, with status and
 * {@code Retry-After}), {@link TransientSourceException} (timeout, refused or reset connection; the
 * {@link java.io.IOException} is its cause) and {@link io.eobatch.provider.ItemDataException} (a malformed answer).
 */
public interface ProviderCall {

    /** Runs the call directly, with no limit and no retry. */
    ProviderCall DIRECT = new ProviderCall() {
        @Override
        public <T> T run(double cost, Callable<T> call) {
            return ProviderCall.callUnchecked(call);
        }

        @Override
        public String toString() {
            return "ProviderCall.DIRECT";
        }
    };

    /**
     * Runs {@code call}, which costs {@code cost} units when it succeeds.
     *
     * @param cost the request's cost in the provider's unit (Sentinel Hub: processing units), {@code >= 0}
     * @param call the HTTP attempt; throws only unchecked exceptions
     * @return what {@code call} returned
     */
    <T> T run(double cost, Callable<T> call);

    /**
     * Calls {@code call}, letting unchecked exceptions through; a checked one (which the clients' calls never
     * throw) becomes a {@link TransientSourceException}, an {@link InterruptedException} also re-sets the thread's
     * interrupt flag.
     */
    static <T> T callUnchecked(Callable<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientSourceException("provider call interrupted", e);
        } catch (Exception e) {
            throw new TransientSourceException("provider call failed: " + e, e);
        }
    }
}
