package org.sunshine.system;

/** A client over a rate limit; answered as a 429 problem detail. */
public class TooManyRequestsException extends RuntimeException {

	/** Which limit: {@code client}, {@code destination} or {@code prefix}; pages word each one for people. */
	private final String limit;

	public TooManyRequestsException(String message) {
		this(message, null);
	}

	public TooManyRequestsException(String message, String limit) {
		super(message);
		this.limit = limit;
	}

	public String limit() {
		return limit;
	}

}
