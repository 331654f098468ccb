package org.sunshine.feed.fetch;

import java.net.URI;
import java.util.Objects;

/**
 * Where one feed's fetches may go, as its entry in {@code config/feeds.yml} decides (see {@link AddressPolicy}).
 *
 * @param configured the feed's own url, written by the admin
 * @param allowPrivate the feed's {@code allow-private}: its source may lead to loopback and private addresses
 */
public record Reach(URI configured, boolean allowPrivate) {

	public Reach {
		Objects.requireNonNull(configured, "configured");
	}

	/** The reach of a fetch of a url the admin gave directly (a feed's url, {@code feeds detect}). */
	public static Reach of(URI configured) {
		return new Reach(configured, false);
	}

}
