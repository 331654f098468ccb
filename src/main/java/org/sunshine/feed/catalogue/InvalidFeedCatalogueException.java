package org.sunshine.feed.catalogue;

import java.util.List;

/** A feed catalogue that breaks a rule; each problem names the feed and the field. */
public class InvalidFeedCatalogueException extends RuntimeException {

	private final List<String> problems;

	public InvalidFeedCatalogueException(String source, List<String> problems) {
		super(source + " is invalid:\n  - " + String.join("\n  - ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return problems;
	}

}
