package io.eobatch.provider.throttle;

import java.util.concurrent.locks.LockSupport;

/**
 * Monotonic time and waiting, in nanoseconds, injectable so that the rate tests run on a virtual clock (no real
 * waiting) while production waits on {@link System#nanoTime()}.
 */
interface TimeSource {

    /** Monotonic nanoseconds, like {@link System#nanoTime()} (only differences are meaningful). */
    long nanoTime();

    /** Returns once {@link #nanoTime()} has reached {@code deadline}; throws if the thread is interrupted. */
    void sleepUntil(long deadline) throws InterruptedException;

    /** The real clock. {@code parkNanos} rather than {@code Thread.sleep}, which rounds up to a millisecond. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadline) throws InterruptedException {
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the provider throttle");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, left);
            }
        }
    };
}
