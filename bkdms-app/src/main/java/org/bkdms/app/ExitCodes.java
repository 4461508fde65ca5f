package org.bkdms.app;

/** The exit codes of the {@code bkdms} command, documented in {@code docs/CLI.md}. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A verification failed: bad signature, wrong key, altered packet, digest mismatch. */
    public static final int VERIFICATION_FAILED = 1;
    /** The command line is wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** The input is invalid: malformed DER, JSON or PEM, or a value that breaks the data model. */
    public static final int INVALID_INPUT = 3;
    /** A file or keystore could not be read or written (missing file, wrong keystore password). */
    public static final int IO_ERROR = 4;
    /** An unexpected internal error; please report it. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }
}
