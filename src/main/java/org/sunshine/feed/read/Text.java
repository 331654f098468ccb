package org.sunshine.feed.read;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;

/** Small text clean-ups shared by the readers. */
final class Text {

	/**
	 * Control characters other than tab and line breaks (a NUL makes PostgreSQL refuse the row), bidi embeddings,
	 * overrides and isolates and zero-width characters (they hide or reorder what a reader sees). The meeting module
	 * removes them again where text enters it; removing them here lets a reader see that nothing visible is left.
	 */
	private static final Pattern UNSEEN = Pattern
		.compile("[\\p{Cc}&&[^\\t\\n\\r]]|[\\u202A-\\u202E\\u2066-\\u2069\\u200B-\\u200D\\u2060\\uFEFF]");

	private Text() {
	}

	/** Stripped text, with non-breaking spaces made plain and unseen characters removed; null when null or blank. */
	static String clean(String text) {
		if (text == null) {
			return null;
		}
		String stripped = UNSEEN.matcher(text).replaceAll("").replace('\u00a0', ' ').strip();
		return stripped.isEmpty() ? null : stripped;
	}

	/**
	 * Multi-line text (Legistar locations and comments come with CRLFs and dial-in lines): each line stripped, blank
	 * lines dropped, lines joined with "\n"; null when nothing is left.
	 */
	static String lines(String text) {
		if (text == null) {
			return null;
		}
		String joined = Arrays.stream(text.split("\\r\\n|\\r|\\n"))
			.map(Text::clean)
			.filter(line -> line != null)
			.collect(Collectors.joining("\n"));
		return joined.isEmpty() ? null : joined;
	}

	/** The visible text of an HTML fragment (descriptions, agenda notes); null when blank. */
	static String fromHtml(String html) {
		return html == null ? null : clean(Jsoup.parse(html).text());
	}

}
