/**
 * What every job shares: {@link io.eobatch.batch.EoJob} and the registry {@link io.eobatch.batch.Jobs}; parameter
 * specs and the job XML's job-level properties ({@link io.eobatch.batch.JobProperties}); the item lifecycle
 * ({@link io.eobatch.batch.LedgerItemProcessor}, {@link io.eobatch.batch.LedgerItemWriter}), the plan step
 * ({@link io.eobatch.batch.PlanItemsBatchlet}), retry-failed ({@link io.eobatch.batch.CarryOver}), the ledger reader and
 * partition mapper, budgets, listeners, estimates and start-up tasks. Each job lives in its own sub-package
 * ({@code statistics}, {@code timelapse}, {@code tiles}); nothing here names a job or a provider.
 */
package io.eobatch.batch;
