package org.sunshine.meeting;

import java.util.List;

/** A stored agenda item; {@code key} identifies it within its meeting across polls. */
public record AgendaItem(String key, String number, String title, String text, String matterId,
		List<String> attachments) {

	public AgendaItem {
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
	}

	static AgendaItem of(AgendaItemSnapshot item) {
		return new AgendaItem(item.key(), blankToNull(item.number()), item.title().strip(), blankToNull(item.text()),
				blankToNull(item.matterId()), item.attachments());
	}

	static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
