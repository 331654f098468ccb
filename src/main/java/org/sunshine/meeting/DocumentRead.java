package org.sunshine.meeting;

import java.util.Objects;

/**
 * What reading a document found, reported by the document module.
 *
 * @param url the document
 * @param contentHash SHA-256 of its content; null when it could not be fetched at all
 * @param pages PDF pages read, or null (HTML, or unreadable)
 * @param error why it (or part of it) could not be read, or null
 * @param hasText whether any text was found: only then can a change of content matter to anyone
 */
public record DocumentRead(String url, String contentHash, Integer pages, String error, boolean hasText) {

	public DocumentRead {
		Objects.requireNonNull(url, "url");
		error = SourceText.line(error, 2000);
	}

}
