package org.sunshine.meeting;

/** What happened to a meeting between two polls. */
public enum ChangeKind {

	/** A meeting seen for the first time. */
	ANNOUNCED,
	/** Agenda items appeared on a meeting that had none. */
	AGENDA_PUBLISHED,
	ITEM_ADDED,
	/** An item's title, text or number changed. */
	ITEM_CHANGED,
	ITEM_REMOVED,
	/** Time or place moved. */
	RESCHEDULED,
	CANCELLED,
	/** A cancelled meeting is back on. */
	REINSTATED,
	/**
	 * A document of the meeting or of an item was read with new content (field "document"; old and new values are
	 * the content hashes, the old one null on its first reading).
	 */
	DOCUMENT_CHANGED

}
