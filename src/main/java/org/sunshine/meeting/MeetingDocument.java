package org.sunshine.meeting;

/**
 * A document of a meeting or of one of its items, with what reading it found.
 *
 * @param title as the source names it
 * @param url where it is
 * @param pages how many pages of a PDF were read; null for HTML, or before it is read, or when it could not be
 * @param error why it could not be read (encrypted, no text, too large), or null
 * @param contentHash SHA-256 of the content last read, or null before it is read
 */
public record MeetingDocument(String title, String url, Integer pages, String error, String contentHash) {

	static MeetingDocument unread(DocumentLink link) {
		return new MeetingDocument(link.title(), link.url(), null, null, null);
	}

}
