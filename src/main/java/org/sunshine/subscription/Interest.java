package org.sunshine.subscription;

import java.util.List;

/**
 * What one subscriber follows: terms and phrases (matched case-insensitively), optionally only in some feeds.
 *
 * @param feeds feed ids; empty means every feed
 */
public record Interest(long id, long subscriberId, List<String> terms, List<String> feeds) {

	public Interest {
		terms = List.copyOf(terms);
		feeds = feeds == null ? List.of() : List.copyOf(feeds);
	}

	public boolean watches(String feedId) {
		return feeds.isEmpty() || feeds.contains(feedId);
	}

}
