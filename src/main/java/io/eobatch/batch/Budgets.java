package io.eobatch.batch;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.ledger.Ledger;

/**
 * The {@code budget} job parameter: a ceiling on the provider cost of a job instance (processing units for
 * sentinel-hub, requests for observearth, scenes read for stac), over all its executions. Before an item's call the
 * processor reserves the item's cost (computed before the call, {@link io.eobatch.provider.EoProvider#statisticsCost});
 * when the reservation would pass the budget the item is left PENDING, the execution's partitions stop reading, and
 * the job stops with exit status OUT_OF_BUDGET ({@link BudgetDecider}). A restart with a larger budget carries on
 * with the items left.
 *
 * <p>Spent = the cost recorded in the ledger for the instance's finished items (read once per execution) plus what
 * this execution's partitions reserve; a failed call gives its reservation back (Sentinel Hub charges only
 * successful requests). One state per execution, shared by its partitions (they run in this JVM).
 *
 * <p>Across nodes ({@code eobatch.cluster.enabled}): the spent and reserved amounts are the job instance's in the
 * shared database ({@link SharedBudgets}), so the executions of every node reserve against one budget; whether this
 * execution stopped taking items, and which items it refused, stay here.
 */
@ApplicationScoped
public class Budgets {

    private static final Logger LOG = Logger.getLogger(Budgets.class.getName());

    @Inject
    Ledger ledger;

    @jakarta.annotation.Resource(lookup = "java:jboss/datasources/EobatchDS")
    javax.sql.DataSource dataSource;

    /** The budgets across nodes, or null on one node (set at construction; by hand in tests). */
    SharedBudgets shared;

    private static final class State {
        long instance;
        double spent;
        double reserved;
        boolean exhausted;
        /** Why the execution stopped taking items: null (the budget) or another reason, e.g. OUT_OF_DISK. */
        String reason;
        final Set<Long> refused = ConcurrentHashMap.newKeySet();
    }

    private final Map<Long, State> byExecution = new ConcurrentHashMap<>();

    private State state(long execution, long instance) {
        // computeIfAbsent, not get-then-putIfAbsent: the partitions of a new execution arrive together, and each of
        // them would otherwise read the ledger (one query each) before one state wins
        return byExecution.computeIfAbsent(execution, e -> {
            State n = new State();
            n.instance = instance;
            if (shared == null) {
                n.spent = ledger.spentCost(instance);
            }
            return n;
        });
    }

    /** Reads {@code eobatch.cluster.enabled}: with it, the budgets are kept across nodes. */
    @jakarta.annotation.PostConstruct
    void acrossNodes() {
        if (io.eobatch.cluster.ClusterLimitsSettings.enabled()) {
            shared = new SharedBudgets(dataSource, io.eobatch.cluster.ClusterLimitsSettings.nodeId(),
                    io.eobatch.cluster.ClusterLimitsSettings.budgetHold());
            LOG.info("job budgets across nodes: kept in the database");
        }
    }

    /**
     * Reserves {@code cost} for item {@code itemId}; false (and the execution is out of budget) if spent, reserved
     * and this cost would pass {@code budget}.
     */
    public boolean reserve(long execution, long instance, long itemId, double budget, double cost) {
        State s = state(execution, instance);
        if (shared != null) {
            return reserveAcrossNodes(s, execution, instance, itemId, budget, cost);
        }
        synchronized (s) {
            if (s.exhausted || s.spent + s.reserved + cost > budget * (1 + 1e-12)) {
                if (!s.exhausted) {
                    double left = budget - s.spent - s.reserved;
                    LOG.info(() -> "execution " + execution + ": out of budget (" + budget + "; spent " + s.spent
                            + ", reserved " + s.reserved + ", the next item costs " + cost + ", " + left + " left)");
                }
                s.exhausted = true;
                s.refused.add(itemId);
                return false;
            }
            s.reserved += cost;
            return true;
        }
    }

    private boolean reserveAcrossNodes(State s, long execution, long instance, long itemId, double budget,
            double cost) {
        synchronized (s) {
            if (s.exhausted) {
                s.refused.add(itemId);
                return false;
            }
        }
        SharedBudgets.Reservation r = shared.reserve(instance, execution, budget, cost, ledger::spentCost);
        synchronized (s) {
            if (!r.made()) {
                if (!s.exhausted) {
                    LOG.info(() -> "execution " + execution + ": out of budget (" + budget + "; every node's spent "
                            + r.spent() + ", reserved " + r.reserved() + ", the next item costs " + cost + ", "
                            + (budget - r.spent() - r.reserved()) + " left)");
                }
                s.exhausted = true;
                s.refused.add(itemId);
                return false;
            }
            s.reserved += cost;
            return true;
        }
    }

    /**
     * Stops the execution from taking more items for another reason than the budget (e.g. {@code OUT_OF_DISK}), as the
     * budget does: item {@code itemId} stays to do and the partitions stop reading; {@link #stopReason} tells the
     * decision after the step why.
     */
    public void stop(long execution, long instance, long itemId, String reason, String detail) {
        State s = state(execution, instance);
        synchronized (s) {
            if (!s.exhausted) {
                LOG.info(() -> "execution " + execution + ": stops taking items: " + reason + " (" + detail + ")");
            }
            s.exhausted = true;
            if (s.reason == null) {
                s.reason = reason;
            }
            s.refused.add(itemId);
        }
    }

    /** The reason given to {@link #stop}, or null (not stopped, or stopped by the budget). */
    public String stopReason(long execution) {
        State s = byExecution.get(execution);
        if (s == null) {
            return null;
        }
        synchronized (s) {
            return s.reason;
        }
    }

    /** Ends a reservation: {@code charged} moves it to spent, else it is given back. */
    public void settle(long execution, double cost, boolean charged) {
        settle(execution, cost, charged ? cost : 0);
    }

    /**
     * Ends a reservation of {@code reserved}, of which {@code spent} was spent (the rest is given back: a failed call,
     * or a remote month without scenes that asked for no image).
     */
    public void settle(long execution, double reserved, double spent) {
        State s = byExecution.get(execution);
        if (s == null) {
            return;
        }
        synchronized (s) {
            s.reserved -= reserved;
            s.spent += spent;
        }
        if (shared != null) {
            shared.settle(s.instance, execution, reserved, spent);
        }
    }

    /** Whether an item of the execution was refused for want of budget. */
    public boolean exhausted(long execution) {
        State s = byExecution.get(execution);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            return s.exhausted;
        }
    }

    /**
     * Whether the execution is out of budget; if so, item {@code itemId} (read but not to be worked on) is remembered
     * as refused, so that the reader keeps it ahead of its checkpoint.
     */
    public boolean refuseIfExhausted(long execution, long itemId) {
        State s = byExecution.get(execution);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            if (s.exhausted) {
                s.refused.add(itemId);
            }
            return s.exhausted;
        }
    }

    /** Whether item {@code itemId} was refused (it is still to do). */
    public boolean refused(long execution, long itemId) {
        State s = byExecution.get(execution);
        return s != null && s.refused.contains(itemId);
    }

    /** Forgets the execution (its step has ended); returns whether it was out of budget. */
    public boolean finish(long execution) {
        State s = byExecution.remove(execution);
        return s != null && s.exhausted;
    }
}
