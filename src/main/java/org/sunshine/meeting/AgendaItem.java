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

	/** "2 A Resolution…": the number once, even where the source also writes it at the head of the title. */
	public String label() {
		return label(number, title);
	}

	/** As {@link #label()}, for an item known only by its number and title. */
	public static String label(String number, String title) {
		if (number == null || number.isBlank()) {
			return title;
		}
		String bare = number.strip().replaceAll("[.)]+$", "");
		if (title == null || title.isBlank()) {
			return number.strip();
		}
		if (title.strip().matches("(?s)" + java.util.regex.Pattern.quote(bare) + "[.)]*(\\s.*)?")) {
			return title.strip();
		}
		return number.strip() + " " + title.strip();
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
