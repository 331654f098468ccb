package org.sunshine.feed.read;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;

/** Small text clean-ups shared by the readers. */
final class Text {

	private Text() {
	}

	/** Stripped text, with non-breaking spaces made plain; null when null or blank. */
	static String clean(String text) {
		if (text == null) {
			return null;
		}
		String stripped = text.replace('\u00a0', ' ').strip();
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
