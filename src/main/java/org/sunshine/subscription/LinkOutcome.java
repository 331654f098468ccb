package org.sunshine.subscription;

/** What following a confirmation or unsubscribe link did. */
public enum LinkOutcome {
	/** Done now. */
	DONE,
	/** Done before (a double click, a second tab): nothing changed. */
	ALREADY,
	/** The sign-up waited too long for confirmation and is gone. */
	EXPIRED
}
