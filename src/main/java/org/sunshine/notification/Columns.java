package org.sunshine.notification;

import java.util.List;

/**
 * Values the notification module stores are fitted to their columns: a long agenda or a long title must
 * never make an insert fail (planning would be retried forever) or a sent message's record fail (it would
 * look interrupted and be sent again).
 */
final class Columns {

	private Columns() {
	}

	static String fit(String text, int length) {
		return text == null || text.length() <= length ? text : text.substring(0, length);
	}

	/** The values joined with newlines, as many whole values as fit. */
	static String lines(List<String> values, int length) {
		StringBuilder joined = new StringBuilder();
		for (String value : values) {
			if (joined.length() + value.length() + 1 > length) {
				break;
			}
			joined.append(joined.isEmpty() ? "" : "\n").append(value);
		}
		return joined.toString();
	}

}
