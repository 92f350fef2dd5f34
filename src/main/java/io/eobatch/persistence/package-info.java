/**
 * Database start-up: the Flyway migrations of {@code db/migration} ({@link io.eobatch.persistence.DatabaseMigrations})
 * and the tasks run once before the application takes requests, such as marking executions a dead server left
 * running as FAILED (exit status CRASHED) ({@link io.eobatch.persistence.StartupTasks}).
 * What several nodes coordinate in the database uses {@link io.eobatch.persistence.DatabaseClock} (the time every node
 * agrees on) and {@link io.eobatch.persistence.OutsideTransaction} (short transactions of its own, outside the
 * caller's JTA transaction).
 * Not here: the tables' queries (ledger, {@code aoi.AoiRepository}).
 */
package io.eobatch.persistence;
