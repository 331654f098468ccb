package org.sunshine.meeting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Text as the meeting module accepts it from a source: without characters that PostgreSQL refuses (NUL), that ring
 * or move terminals (controls) or that hide or reorder what a reader sees (bidi overrides, zero-width characters),
 * and no longer than the column it is stored in. A source's text that does not fit is cut, never refused: a meeting
 * lost on every poll is worse than a shortened title.
 */
final class SourceText {

	/** Bidi embeddings, overrides and isolates, zero-width spaces and joiners, word joiner, byte order mark. */
	private static final Pattern INVISIBLE = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069\\u200B-\\u200D\\u2060\\uFEFF]");

	/** Control characters other than tab and line breaks, which each kind of text treats itself. */
	private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

	private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\r\\u2028\\u2029]");

	private static final Pattern SINGLE_LINE_SPACE = Pattern.compile("[\\t\\n\\r\\u2028\\u2029]+");

	private static final String ELLIPSIS = "…";

	/** A cut is made at a space this close to the end (and in the last quarter), else inside the word. */
	private static final int WORD_SEARCH = 40;

	private SourceText() {
	}

	/** One line of text (a title, a name): line breaks and tabs become spaces; null when nothing is left. */
	static String line(String text, int max) {
		return text == null ? null : fit(blankToNull(SINGLE_LINE_SPACE.matcher(visible(text)).replaceAll(" ")), max);
	}

	/** Text of several lines (a place with dial-in details, a description): keeps tabs and line breaks as "\n". */
	static String lines(String text, int max) {
		return text == null ? null : fit(blankToNull(LINE_BREAK.matcher(visible(text)).replaceAll("\n")), max);
	}

	/**
	 * An identifier that must stay unique and stable across polls: cleaned of invisible and control characters but
	 * otherwise kept as the source wrote it, and made to fit by {@link #fitId}.
	 */
	static String id(String text, int max) {
		return text == null ? null : fitId(blankToNull(visible(text)), max);
	}

	/**
	 * The id itself when it fits; else its beginning and the SHA-256 of the whole, so that two long ids sharing a
	 * beginning never collide and the same id is shortened the same way on every poll.
	 */
	static String fitId(String id, int max) {
		if (id == null || id.length() <= max) {
			return id;
		}
		String digest = "~sha256:" + sha256(id);
		return cut(id, max - digest.length()) + digest;
	}

	/** A link, or null when it does not fit: a cut link would lead somewhere else. */
	static String url(String text, int max) {
		String url = line(text, Integer.MAX_VALUE);
		return url == null || url.length() > max ? null : url;
	}

	/** At most {@code max} chars, cut at a word boundary when one is near, with "…" to show that text is missing. */
	static String fit(String text, int max) {
		if (text == null || text.length() <= max) {
			return text;
		}
		String head = cut(text, max - ELLIPSIS.length());
		int space = head.lastIndexOf(' ');
		if (space > 0 && head.length() - space <= Math.min(WORD_SEARCH, head.length() / 4)) {
			head = head.substring(0, space);
		}
		return head.stripTrailing() + ELLIPSIS;
	}

	/** The first {@code max} chars or fewer, never splitting a surrogate pair. */
	private static String cut(String text, int max) {
		int end = Math.min(max, text.length());
		if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end);
	}

	private static String visible(String text) {
		return CONTROL.matcher(INVISIBLE.matcher(text).replaceAll("")).replaceAll("");
	}

	private static String blankToNull(String text) {
		String stripped = text.strip();
		return stripped.isEmpty() ? null : stripped;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}
