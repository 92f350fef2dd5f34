/**
 * The aoi-statistics job ({@link io.eobatch.batch.statistics.StatisticsJob}): its plan, its processor, its summary
 * step, its estimate, its rows and per-AOI summaries and their files (CSV, JSON, charts).
 */
package io.eobatch.batch.statistics;
