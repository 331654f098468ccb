package org.sunshine.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A calendar's zone carries only the observances that apply from its first meeting on, and gives every moment
 * from then on the same offset as the zone's full history does.
 */
class CompactZonesTests {

	static final Instant KEY_WEST_SPECIAL_MEETING = Instant.parse("2025-07-08T21:00:00Z");

	@Test
	void newYorkSinceTheSpecialMeetingIsTodaysTwoRules() {
		VTimeZone zone = CompactZones.from(ZoneId.of("America/New_York"), KEY_WEST_SPECIAL_MEETING);

		assertThat(zone.getObservances()).extracting(o -> o.getName() + " " + o.getRequiredProperty(Property.DTSTART).getValue()
				+ " " + o.getRequiredProperty(Property.RRULE).getValue())
			.containsExactly("DAYLIGHT 20070311T020000 FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
					"STANDARD 20071104T020000 FREQ=YEARLY;BYMONTH=11;BYDAY=1SU");
		assertThat(zone.getRequiredProperty(Property.TZID).getValue()).isEqualTo("America/New_York");
		assertThat(zone.getProperty("X-PROLEPTIC-TZNAME")).as("names the time before the first observance kept").isEmpty();
		assertThat(zone.toString().length()).isLessThan(500);
	}

	@ParameterizedTest
	@ValueSource(strings = { "America/New_York", "America/Chicago", "America/Phoenix", "America/Puerto_Rico",
			"America/Sao_Paulo", "America/Havana", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata",
			"Pacific/Chatham", "America/Port-au-Prince" })
	void everyMomentFromTheFirstMeetingOnHasTheOffsetOfTheFullHistory(String id) {
		ZoneId zone = ZoneId.of(id);
		for (Instant from : List.of(Instant.parse("2019-02-17T03:30:00Z"), KEY_WEST_SPECIAL_MEETING,
				Instant.parse("2026-11-01T05:59:00Z"))) {
			TimeZone compact = new TimeZone(CompactZones.from(zone, from));
			TimeZone full = new TimeZone(TimeZoneRegistryFactory.getInstance().createRegistry().getTimeZone(id).getVTimeZone());
			for (Instant at = from; at.isBefore(from.plus(Duration.ofDays(3 * 366))); at = at.plus(Duration.ofHours(37))) {
				assertThat(compact.getOffset(at.toEpochMilli())).as("%s at %s, defined from %s", id, at, from)
					.isEqualTo(full.getOffset(at.toEpochMilli()));
			}
		}
	}

}
