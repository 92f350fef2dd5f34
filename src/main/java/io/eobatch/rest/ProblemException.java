package io.eobatch.rest;

import jakarta.ws.rs.core.Response;

/** Thrown anywhere in a request to answer with a problem+json body; mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Response.Status status, String detail, String field) {
        super(detail);
        this.problem = new Problem(status, detail, field);
    }

    public ProblemException(Problem problem) {
        super(problem.detail);
        this.problem = problem;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail, field);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Response.Status.NOT_FOUND, detail, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Response.Status.CONFLICT, detail, null);
    }

    public Problem problem() {
        return problem;
    }
}
