package org.sunshine.feed.fetch;

/** A fetch that failed: timeout, refused connection, non-2xx status, body over the size cap. */
public class FetchException extends Exception {

	public FetchException(String message) {
		super(message);
	}

	public FetchException(String message, Throwable cause) {
		super(message, cause);
	}

}
