/**
 * The work-item ledger: what the jobs plan ({@link io.eobatch.ledger.WorkItem}), the state of every item
 * ({@link io.eobatch.ledger.ItemStatus}), its statistics rows and per-AOI summaries, and the queries the jobs and
 * the API need ({@link io.eobatch.ledger.Ledger}).
 * Not here: the batch artifacts that fill it (batch) and the schema (resources {@code db/migration}).
 */
package io.eobatch.ledger;
