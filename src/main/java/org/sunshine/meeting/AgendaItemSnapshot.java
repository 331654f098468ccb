package org.sunshine.meeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One agenda item as a source publishes it.
 *
 * @param sourceId the source's stable id for the item (e.g. Legistar's EventItemId), or null when the
 *        source has none; then number and title identify the item
 * @param number the agenda number as printed ("7.a"), or null
 * @param title the item's title, never null
 * @param text longer text (notes, summary), or null
 * @param matterId the file / resolution / matter id ("Res. 25-123"), or null
 * @param attachments links to attachments, possibly empty
 * @param documents the item's documents with their titles (staff reports, attachments); when a reader gives none,
 *        the attachments under their file names
 */
public record AgendaItemSnapshot(String sourceId, String number, String title, String text, String matterId,
		List<String> attachments, List<DocumentLink> documents) {

	/** Width of agenda_item.item_key. */
	private static final int KEY_WIDTH = 1200;

	/** Width of agenda_item.attachments, which holds the links one a line. */
	private static final int ATTACHMENTS_WIDTH = 8000;

	public AgendaItemSnapshot {
		// Cleaned and fitted to the columns of table agenda_item (V2__sunshine.sql), as MeetingSnapshot does.
		sourceId = SourceText.id(sourceId, KEY_WIDTH);
		number = SourceText.line(number, 64);
		String cleanTitle = SourceText.lines(Objects.requireNonNull(title, "title"), 8000);
		title = cleanTitle == null ? "" : cleanTitle;
		text = SourceText.lines(text, 20000);
		matterId = SourceText.line(matterId, 200);
		attachments = fitted(attachments);
		documents = documents == null || documents.isEmpty()
				? attachments.stream().map(link -> new DocumentLink(null, link)).toList() : fittedDocuments(documents);
	}

	public AgendaItemSnapshot(String sourceId, String number, String title, String text, String matterId,
			List<String> attachments) {
		this(sourceId, number, title, text, matterId, attachments, List.of());
	}

	/** Documents with a link that fits its column, each link once. */
	static List<DocumentLink> fittedDocuments(List<DocumentLink> documents) {
		List<DocumentLink> kept = new ArrayList<>();
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (DocumentLink document : documents) {
			String url = document == null ? null : SourceText.url(document.url(), 2000);
			if (url != null && seen.add(url)) {
				kept.add(new DocumentLink(document.title(), url));
			}
		}
		return List.copyOf(kept);
	}

	/** The key that identifies this item within its meeting across polls. */
	public String key() {
		if (sourceId != null) {
			return sourceId;
		}
		return SourceText.fitId((number == null ? "" : number) + "|" + title, KEY_WIDTH);
	}

	/** The links that fit, in order; a link is never cut, since a cut link leads somewhere else. */
	private static List<String> fitted(List<String> links) {
		List<String> kept = new ArrayList<>();
		int length = -1;
		for (String link : links == null ? List.<String>of() : links) {
			String url = SourceText.url(link, 2000);
			if (url != null && length + 1 + url.length() <= ATTACHMENTS_WIDTH) {
				kept.add(url);
				length += 1 + url.length();
			}
		}
		return List.copyOf(kept);
	}

}
