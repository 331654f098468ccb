package org.sunshine.meeting;

/**
 * One change to a meeting.
 *
 * @param kind what happened
 * @param field for RESCHEDULED and ITEM_CHANGED: which field ("start", "location", "title", "text", "number")
 * @param itemKey for item changes: the item's key
 * @param oldValue the value before (start times as ISO-8601 instants), or null
 * @param newValue the value after, or null
 */
public record Change(ChangeKind kind, String field, String itemKey, String oldValue, String newValue) {

	public Change {
		// meeting_change keeps values in 8,000 chars; an item's text may hold 20,000.
		oldValue = SourceText.fit(oldValue, 8000);
		newValue = SourceText.fit(newValue, 8000);
	}

	static Change of(ChangeKind kind) {
		return new Change(kind, null, null, null, null);
	}

	static Change ofItem(ChangeKind kind, String itemKey, String field, String oldValue, String newValue) {
		return new Change(kind, field, itemKey, oldValue, newValue);
	}

	static Change document(String itemKey, String oldHash, String newHash) {
		return new Change(ChangeKind.DOCUMENT_CHANGED, "document", itemKey, oldHash, newHash);
	}

	static Change moved(String field, String oldValue, String newValue) {
		return new Change(ChangeKind.RESCHEDULED, field, null, oldValue, newValue);
	}

}
