package io.eobatch.provider.throttle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock that moves only when every worker thread is waiting on it (or has finished): then it jumps to the
 * earliest wake-up time and wakes exactly the sleepers due. Rate tests run minutes of throttle time in
 * milliseconds, deterministically, without sleeping.
 *
 * <p>Workers must block only on this clock: give the throttle at least as many in-flight slots as workers (a
 * worker queued on the semaphore behind a sleeping one would count as busy and the clock would never move).
 */
final class VirtualTime implements TimeSource {

    interface Task {
        void run() throws Exception;
    }

    private static final class Sleeper {
        final long deadline;
        boolean woken;

        Sleeper(long deadline) {
            this.deadline = deadline;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Sleeper> sleepers = new ArrayList<>();
    private long now;
    private int finished;

    @Override
    public long nanoTime() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sleepUntil(long deadline) throws InterruptedException {
        lock.lock();
        try {
            if (deadline <= now) {
                return;
            }
            Sleeper s = new Sleeper(deadline);
            sleepers.add(s);
            changed.signalAll();
            try {
                while (!s.woken) {
                    changed.await();
                }
            } finally {
                sleepers.remove(s);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Threads waiting on this clock now. */
    int sleeping() {
        lock.lock();
        try {
            return waiting();
        } finally {
            lock.unlock();
        }
    }

    /** Runs the tasks, each on its own thread, driving the clock until all have finished; returns their failures. */
    List<Throwable> run(List<Task> tasks, Duration realTimeout) throws InterruptedException {
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        lock.lock();
        try {
            finished = 0;
        } finally {
            lock.unlock();
        }
        for (Task task : tasks) {
            Thread t = new Thread(() -> {
                try {
                    task.run();
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    lock.lock();
                    try {
                        finished++;
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        long end = System.nanoTime() + realTimeout.toNanos();
        lock.lock();
        try {
            while (true) {
                while (waiting() + finished < tasks.size()) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        threads.forEach(Thread::interrupt);
                        throw new AssertionError("workers neither finished nor waited on the virtual clock within "
                                + realTimeout + " (a worker blocked on something else?)");
                    }
                    changed.awaitNanos(left);
                }
                if (finished == tasks.size()) {
                    break;
                }
                long next = Long.MAX_VALUE;
                for (Sleeper s : sleepers) {
                    if (!s.woken) {
                        next = Math.min(next, s.deadline);
                    }
                }
                now = next;
                for (Sleeper s : sleepers) {
                    if (s.deadline <= now) {
                        s.woken = true;
                    }
                }
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.NANOSECONDS.toMillis(Math.max(1, end - System.nanoTime())) + 1);
        }
        return failures;
    }

    /** Sleepers not yet woken (a woken one counts as running until it has left {@link #sleepUntil}). */
    private int waiting() {
        int n = 0;
        for (Sleeper s : sleepers) {
            if (!s.woken) {
                n++;
            }
        }
        return n;
    }
}
