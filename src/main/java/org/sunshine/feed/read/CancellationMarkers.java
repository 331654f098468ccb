package org.sunshine.feed.read;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Cancellation as sources write it: mostly free text, "CANCELLED" appended to a title or location, "(CANCELED)" in a
 * body name. Only the words "cancelled" / "canceled" count. "Cancel" alone is a UI label (Telerik grids), and
 * "Recessed to 09/29/20" or "Rescheduled" are not cancellations.
 */
final class CancellationMarkers {

	private static final Pattern CANCELLED = Pattern.compile("\\bcancell?ed\\b",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/** Status words (Legistar agenda / minutes status) for a meeting that will not happen as announced. */
	private static final Pattern CALLED_OFF = Pattern.compile("\\b(deferred|postponed|cancell?ed)\\b",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private CancellationMarkers() {
	}

	/**
	 * Whether any of the status texts (nulls allowed) says the meeting will not happen as announced. Only for status
	 * fields: in a title or comment, "postponed" often describes an item ("postponed from May 5"), not the meeting.
	 */
	static boolean anyCalledOff(String... statuses) {
		return Arrays.stream(statuses).filter(Objects::nonNull).anyMatch(text -> CALLED_OFF.matcher(text).find());
	}

	/** Whether any of the texts (nulls allowed) marks the meeting as cancelled. */
	static boolean anyCancelled(String... texts) {
		return Arrays.stream(texts).filter(Objects::nonNull).anyMatch(text -> CANCELLED.matcher(text).find());
	}

}
