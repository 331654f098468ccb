package org.sunshine.notification;

import java.text.Normalizer;
import java.util.List;
import java.util.function.Supplier;

import org.sunshine.notification.channel.sms.SmsSegments;

/**
 * The rules every text message follows: one paragraph, GSM-7 wherever the words allow, cut at word
 * boundaries, and at most {@link #MAX_SEGMENTS} segments.
 */
final class SmsText {

	static final int MAX_SEGMENTS = 2;

	private static final String ELLIPSIS = "...";

	private SmsText() {
	}

	/**
	 * The first of {@code renderings} (from the most to the least detailed) that fits two segments. Each
	 * rendering drops or shortens something less important than what the next one still has; if even the last
	 * is too long (a pathological title), it is cut at a word boundary.
	 */
	static String fit(List<Supplier<String>> renderings) {
		String text = "";
		for (Supplier<String> rendering : renderings) {
			text = rendering.get();
			if (fits(text)) {
				return text;
			}
		}
		return cutToFit(text);
	}

	static boolean fits(String text) {
		return SmsSegments.count(text) <= MAX_SEGMENTS;
	}

	/**
	 * A text is one paragraph, however its template is laid out. Letters outside GSM-7 that have a GSM-7 base
	 * (Spanish á í ó ú) lose their accent, as carriers' own "smart encoding" does: one such letter would
	 * otherwise switch the whole text to UCS-2 and halve its room. Letters with no such base stay, and the text
	 * is counted as UCS-2.
	 */
	static String flat(String text) {
		String plain = text.replace('–', '-').replace('—', '-').replace("…", ELLIPSIS).replace('“', '"')
			.replace('”', '"').replace('«', '"').replace('»', '"').replace('‘', '\'').replace('’', '\'')
			.replace('\u00a0', ' ').replace('\u202f', ' ')
			.replaceAll("\\s+", " ").replaceAll(" ([.,:;])", "$1").replace("....", "...")
			.replaceAll("(?<!\\.)\\.\\.(?!\\.)", ".").strip();
		StringBuilder folded = new StringBuilder(plain.length());
		for (int i = 0; i < plain.length(); i++) {
			char c = plain.charAt(i);
			folded.append(SmsSegments.isGsm(c) ? String.valueOf(c) : gsmBase(c));
		}
		return folded.toString();
	}

	private static String gsmBase(char c) {
		String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		return base.length() == 1 && SmsSegments.isGsm(base.charAt(0)) ? base : String.valueOf(c);
	}

	/** {@code text} in at most {@code length} characters, cut after a whole word, with "..." when cut. */
	static String cut(String text, int length) {
		if (text == null || text.length() <= length) {
			return text;
		}
		int room = Math.max(length - ELLIPSIS.length(), 0);
		int end = text.lastIndexOf(' ', room);
		String kept = (end > 0 ? text.substring(0, end) : text.substring(0, room)).strip();
		return kept.replaceAll("[\\s,;:.(-]+$", "") + ELLIPSIS;
	}

	/**
	 * The words around {@code hit}: at most {@code length} characters, never a word cut in half, "..." where
	 * text was left out.
	 */
	static String around(String before, String hit, String after, int length) {
		String head = before.replace("…", " ").replace(ELLIPSIS, " ");
		String tail = after.replace("…", " ").replace(ELLIPSIS, " ");
		boolean headCut = !head.equals(before);
		boolean tailCut = !tail.equals(after);
		int context = Math.max((length - hit.length()) / 2, 0);
		if (head.length() > context) {
			int from = head.length() - context;
			int start = head.charAt(from - 1) == ' ' ? from : head.indexOf(' ', from);
			head = start < 0 ? "" : head.substring(start);
			headCut = true;
		}
		if (tail.length() > context) {
			int end = tail.charAt(context) == ' ' ? context : tail.lastIndexOf(' ', context);
			tail = end < 0 ? "" : tail.substring(0, end);
			tailCut = true;
		}
		head = head.stripLeading();
		tail = tail.stripTrailing();
		return (headCut ? ELLIPSIS : "") + head + hit + tail + (tailCut ? ELLIPSIS : "");
	}

	/** The last resort: the text cut at a word boundary until it fits. */
	private static String cutToFit(String text) {
		String cut = text;
		int length = text.length();
		while (!fits(cut) && length > 0) {
			length -= 5;
			cut = cut(text, Math.max(length, 0));
		}
		return cut;
	}

}
