package org.sunshine.document;

import java.util.List;

/**
 * The text read from one document's content.
 *
 * @param pages the text of each page read, in order (one entry for an HTML page)
 * @param pageCount pages of a PDF read, or null for HTML or when nothing could be read
 * @param error why it (or part of it) could not be read, or null
 */
record DocumentText(List<String> pages, Integer pageCount, String error) {

	DocumentText {
		pages = List.copyOf(pages);
	}

	static DocumentText unreadable(String error) {
		return new DocumentText(List.of(), null, error);
	}

	boolean hasText() {
		return pages.stream().anyMatch(page -> !page.isBlank());
	}

}
