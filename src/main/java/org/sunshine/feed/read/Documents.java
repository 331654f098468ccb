package org.sunshine.feed.read;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.sunshine.feed.fetch.FetchResult;

/** Checks on a fetched body before a parser sees it, so that an HTML error page gets a clear message. */
final class Documents {

	private Documents() {
	}

	/** Host and path only: query strings may hold access tokens (Legistar {@code ?token=}). */
	static String describe(URI uri) {
		return (uri.getHost() == null ? "" : uri.getHost()) + (uri.getRawPath() == null ? "" : uri.getRawPath());
	}

	/** Where the content starts: after any UTF-8 byte order mark and leading whitespace. */
	static int contentStart(byte[] body) {
		int start = body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb
				&& (body[2] & 0xff) == 0xbf ? 3 : 0;
		while (start < body.length && Character.isWhitespace(body[start])) {
			start++;
		}
		return start;
	}

	/** The first {@code length} bytes of the content as lower-case text (enough to recognise a format). */
	static String head(byte[] body, int length) {
		int start = contentStart(body);
		int end = Math.min(body.length, start + length);
		return new String(body, start, end - start, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
	}

	/** Whether the body is an HTML page (a login or error page served where a feed was expected). */
	static boolean looksLikeHtml(byte[] body) {
		String head = head(body, 64);
		return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
				|| head.startsWith("<body");
	}

	/** Rejects anything that is not a JSON object or array: HTML pages, XML (Legistar's default for browsers). */
	static void requireJson(FetchResult document, URI from) throws FeedReadException {
		String contentType = document.contentType() == null ? "" : document.contentType().toLowerCase(Locale.ROOT);
		String head = head(document.body(), 1);
		if (contentType.contains("html") || !(head.equals("[") || head.equals("{"))) {
			throw new FeedReadException("expected JSON from " + describe(from) + " but got "
					+ (contentType.isEmpty() ? "a body of unknown type" : contentType)
					+ (head.isEmpty() ? " (empty body)" : ""));
		}
	}

}
