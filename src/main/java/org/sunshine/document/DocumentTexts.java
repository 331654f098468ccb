package org.sunshine.document;

import java.util.List;

import org.springframework.stereotype.Service;

/** The document module's API for readers of text: the pages of a document's content, by its content hash. */
@Service
public class DocumentTexts {

	private final DocumentRepository repository;

	DocumentTexts(DocumentRepository repository) {
		this.repository = repository;
	}

	/**
	 * The text of each page (index 0 is page 1) of the content with this SHA-256, as {@code MeetingDocument} and
	 * {@code DOCUMENT_CHANGED} changes name it; empty when it is unknown or no longer kept.
	 */
	public List<String> pages(String contentHash) {
		return contentHash == null ? List.of() : repository.pages(contentHash);
	}

}
