package org.sunshine.system;

/** A client over a rate limit; answered as a 429 problem detail. */
public class TooManyRequestsException extends RuntimeException {

	public TooManyRequestsException(String message) {
		super(message);
	}

}
