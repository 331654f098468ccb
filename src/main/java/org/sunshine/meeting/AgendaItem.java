package org.sunshine.meeting;

import java.util.List;

/**
 * A stored agenda item; {@code key} identifies it within its meeting across polls.
 *
 * @param documents the item's documents (staff reports, attachments) with what reading them found
 */
public record AgendaItem(String key, String number, String title, String text, String matterId,
		List<String> attachments, List<MeetingDocument> documents) {

	public AgendaItem {
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
		documents = documents == null ? List.of() : List.copyOf(documents);
	}

	public AgendaItem(String key, String number, String title, String text, String matterId, List<String> attachments) {
		this(key, number, title, text, matterId, attachments, List.of());
	}

	static AgendaItem of(AgendaItemSnapshot item) {
		return new AgendaItem(item.key(), blankToNull(item.number()), item.title().strip(), blankToNull(item.text()),
				blankToNull(item.matterId()), item.attachments(),
				item.documents().stream().map(MeetingDocument::unread).toList());
	}

	AgendaItem withDocuments(List<MeetingDocument> read) {
		return new AgendaItem(key, number, title, text, matterId, attachments, read);
	}

	static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
