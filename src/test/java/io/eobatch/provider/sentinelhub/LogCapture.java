package io.eobatch.provider.sentinelhub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every java.util.logging record of {@code io.eobatch} (all levels, thrown exceptions with their stack
 * traces included) while open, and keeps them off the console.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.eobatch");
    private final Level previous;
    private final boolean parentHandlers;
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    public LogCapture() {
        previous = logger.getLevel();
        parentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(formatter.format(record));
    }

    /** Everything logged so far, one formatted record after the other. */
    public String text() {
        synchronized (lines) {
            return String.join("", lines);
        }
    }

    public int size() {
        return lines.size();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
        logger.setUseParentHandlers(parentHandlers);
    }
}
