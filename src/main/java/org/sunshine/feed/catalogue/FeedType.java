package org.sunshine.feed.catalogue;

import java.util.Arrays;
import java.util.Optional;

/** The formats Sunshine can read, as written in {@code config/feeds.yml}. */
public enum FeedType {

	LEGISTAR, RSS, ATOM, ICAL, CIVICPLUS, GRANICUS, PRIMEGOV, CIVICCLERK, HTML,

	/** The built-in sample city of {@code sunshine.demo}; not for config/feeds.yml. */
	SAMPLE;

	public String key() {
		return name().toLowerCase();
	}

	public static Optional<FeedType> fromKey(String key) {
		return Arrays.stream(values()).filter(t -> t.key().equals(key)).findFirst();
	}

}
