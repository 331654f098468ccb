package org.sunshine.subscription;

/** A link token that is unknown, forged, revoked, or belongs to a deleted subscriber. */
public class InvalidLinkException extends RuntimeException {

	public InvalidLinkException() {
		super("This link is not valid (any more).");
	}

}
