package org.sunshine.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Meeting times as a resident reads them: local date, time and zone ("Tue, Jul 8, 2025, 5:00 PM EDT"). */
final class LocalTimes {

	private static final Map<String, DateTimeFormatter> FORMATS = Map.of(
			"en", DateTimeFormatter.ofPattern("EEE, MMM d, yyyy, h:mm a z", Locale.US),
			"es", DateTimeFormatter.ofPattern("EEE d 'de' MMM 'de' yyyy, h:mm a z", Locale.forLanguageTag("es")),
			"ht", DateTimeFormatter.ofPattern("EEE d MMM yyyy, h:mm a z", Locale.forLanguageTag("fr")));

	private LocalTimes() {
	}

	static String format(Instant instant, ZoneId zone, String language) {
		return FORMATS.getOrDefault(language, FORMATS.get("en")).format(instant.atZone(zone));
	}

}
