package org.sunshine.feed.read;

/** A source document that could not be read: malformed, hostile, or not what the feed type promises. */
public class FeedReadException extends Exception {

	public FeedReadException(String message) {
		super(message);
	}

	public FeedReadException(String message, Throwable cause) {
		super(message, cause);
	}

}
