package org.sunshine.subscription;

import java.util.List;

/**
 * What one subscriber follows: terms and phrases (matched case-insensitively), or a whole body ("City
 * Commission": all its meetings), or one meeting; optionally only in some feeds.
 *
 * @param feeds feed ids; empty means every feed
 * @param body the body whose every meeting is followed, or null
 * @param meetingId the one meeting followed, or null
 */
public record Interest(long id, long subscriberId, List<String> terms, List<String> feeds, String body, Long meetingId) {

	public Interest {
		terms = List.copyOf(terms);
		feeds = feeds == null ? List.of() : List.copyOf(feeds);
	}

	/** An interest in terms. */
	public Interest(long id, long subscriberId, List<String> terms, List<String> feeds) {
		this(id, subscriberId, terms, feeds, null, null);
	}

	public boolean watches(String feedId) {
		return feeds.isEmpty() || feeds.contains(feedId);
	}

	/** Follows a body or a meeting rather than terms. */
	public boolean isFollow() {
		return body != null || meetingId != null;
	}

}
