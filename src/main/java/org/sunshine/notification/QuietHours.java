package org.sunshine.notification;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Quiet hours in a person's local time, which may run past midnight (21:00 to 08:00). */
record QuietHours(LocalTime from, LocalTime to) {

	/** When a message held at {@code now} may go: the end of the quiet period, or null when it is not quiet. */
	Instant releaseAt(Instant now, ZoneId zone) {
		if (from.equals(to)) {
			return null;
		}
		ZonedDateTime local = now.atZone(zone);
		LocalTime time = local.toLocalTime();
		boolean overnight = from.isAfter(to);
		boolean quiet = overnight ? !time.isBefore(from) || time.isBefore(to) : !time.isBefore(from) && time.isBefore(to);
		if (!quiet) {
			return null;
		}
		ZonedDateTime end = local.with(to);
		if (!end.isAfter(local)) {
			end = local.plusDays(1).with(to);
		}
		return end.toInstant();
	}

}
