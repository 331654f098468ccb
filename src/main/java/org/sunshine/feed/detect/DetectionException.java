package org.sunshine.feed.detect;

/** The page could not be read, or is none of the platforms Sunshine reads; the message says which in one line. */
public class DetectionException extends Exception {

	public DetectionException(String message) {
		super(message);
	}

}
