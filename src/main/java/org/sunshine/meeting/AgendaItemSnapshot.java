package org.sunshine.meeting;

import java.util.List;
import java.util.Objects;

/**
 * One agenda item as a source publishes it.
 *
 * @param sourceId the source's stable id for the item (e.g. Legistar's EventItemId), or null when the
 *        source has none; then number and title identify the item
 * @param number the agenda number as printed ("7.a"), or null
 * @param title the item's title, never blank
 * @param text longer text (notes, summary), or null
 * @param matterId the file / resolution / matter id ("Res. 25-123"), or null
 * @param attachments links to attachments, possibly empty
 */
public record AgendaItemSnapshot(String sourceId, String number, String title, String text, String matterId,
		List<String> attachments) {

	public AgendaItemSnapshot {
		Objects.requireNonNull(title, "title");
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
	}

	/** The key that identifies this item within its meeting across polls. */
	public String key() {
		if (sourceId != null && !sourceId.isBlank()) {
			return sourceId;
		}
		return (number == null ? "" : number.strip()) + "|" + title.strip();
	}

}
