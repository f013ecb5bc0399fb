package org.socemu.core;

/**
 * Bad input from the user: a missing file, a malformed image, an unknown machine or option.
 * The CLI prints the message as one line and exits with code 2; never a stack trace.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
