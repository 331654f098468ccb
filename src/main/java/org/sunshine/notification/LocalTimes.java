package org.sunshine.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.sunshine.meeting.MeetingTimes;

/** Meeting times as a resident reads them: local date, time and zone ("Tue, Jul 8, 2025, 5:00 PM EDT"). */
final class LocalTimes {

	private LocalTimes() {
	}

	static String format(Instant instant, ZoneId zone, String language) {
		return MeetingTimes.format(instant, zone, language);
	}

	/** The time of day alone ("5:00 PM"), for a move within one day whose date is already written. */
	static String time(Instant instant, ZoneId zone, String language) {
		DateTimeFormatter format = "es".equals(language) ? DateTimeFormatter.ofPattern("h:mm a", Locale.forLanguageTag("es"))
				: DateTimeFormatter.ofPattern("h:mm a", Locale.US);
		return format.format(instant.atZone(zone)).replace('\u00a0', ' ').replace('\u202f', ' ');
	}

	static boolean sameDay(Instant a, Instant b, ZoneId zone) {
		return a.atZone(zone).toLocalDate().equals(b.atZone(zone).toLocalDate());
	}

}
