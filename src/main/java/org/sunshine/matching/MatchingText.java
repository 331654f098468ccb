package org.sunshine.matching;

/** Text compared for sameness: sources re-wrap lines and pad spaces between versions. */
final class MatchingText {

	private MatchingText() {
	}

	static String normalised(String text) {
		return text == null ? "" : text.replaceAll("\\s+", " ").strip();
	}

}
