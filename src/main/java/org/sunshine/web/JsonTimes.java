package org.sunshine.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times in JSON: ISO-8601 with their UTC offset ("2025-07-08T17:00:00-04:00"), seconds always written. */
final class JsonTimes {

	private JsonTimes() {
	}

	static String local(Instant instant, ZoneId zone) {
		return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
	}

	static String utc(Instant instant) {
		return local(instant, ZoneOffset.UTC);
	}

}
