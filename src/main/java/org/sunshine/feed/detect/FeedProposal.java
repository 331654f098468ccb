package org.sunshine.feed.detect;

import java.net.URI;

import org.sunshine.feed.catalogue.FeedType;

/**
 * A proposed entry of {@code config/feeds.yml} for a city's agenda page.
 *
 * @param id a slug from the host or the platform's client name, {@code [a-z0-9-]+}
 * @param name from the page's title when there was one, else the client name
 * @param type the platform recognised
 * @param url the address the reader of that platform expects
 * @param timezone the zone guessed, with why
 */
public record FeedProposal(String id, String name, FeedType type, URI url, ZoneGuess timezone) {

	/** The proposal as a catalogue holding one feed, ready to paste (the {@code - id:} block) or to check. */
	public String toYaml() {
		return "feeds:\n"
				+ "  - id: " + id + "\n"
				+ "    name: " + quoted(name) + "\n"
				+ "    type: " + type.key() + "\n"
				+ "    url: " + quoted(url.toString()) + "\n"
				+ "    timezone: " + timezone.zone().getId() + "   # " + timezone.reason() + "\n"
				+ "    every: 15m\n";
	}

	/** A double-quoted YAML scalar: names hold colons, hashes and quotes that plain scalars would misread. */
	private static String quoted(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
