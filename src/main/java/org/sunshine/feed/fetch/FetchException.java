package org.sunshine.feed.fetch;

/** A fetch that failed: timeout, refused connection, non-2xx status, body over the size cap. */
public class FetchException extends Exception {

	/** The HTTP status that failed the fetch, or 0 when it failed otherwise. */
	private final int status;

	public FetchException(String message) {
		this(message, 0);
	}

	public FetchException(String message, int status) {
		super(message);
		this.status = status;
	}

	public int status() {
		return status;
	}

	public FetchException(String message, Throwable cause) {
		super(message, cause);
		this.status = 0;
	}

}
