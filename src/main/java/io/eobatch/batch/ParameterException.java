package io.eobatch.batch;

/** A job parameter that is missing or wrong; {@link #parameter()} names it. */
public class ParameterException extends RuntimeException {

    private final String parameter;

    public ParameterException(String parameter, String reason) {
        super(parameter + ": " + reason);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    public String reason() {
        return getMessage().substring(parameter.length() + 2);
    }
}
