package org.sunshine.feed.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class ZoneGuessTest {

	@Test
	void aStateCodeInTheTitleGivesThatStatesZone() {
		assertThat(ZoneGuess.fromState("Agenda Center • Avenal, CA • CivicEngage", "").orElseThrow().zone())
			.isEqualTo(ZoneId.of("America/Los_Angeles"));
	}

	@Test
	void aStateNamedInTheTitleIsReadByItsLongestName() {
		ZoneGuess guess = ZoneGuess.fromState("City of Charleston, West Virginia", "").orElseThrow();

		assertThat(guess.zone()).isEqualTo(ZoneId.of("America/New_York"));
		assertThat(guess.reason()).isEqualTo("guess from West Virginia: check");
	}

	@Test
	void anAddressWithAZipCodeOnThePageNamesTheState() {
		assertThat(ZoneGuess.fromState("Meetings", "City Hall, 200 E Main St, Boise, ID 83702. Parking").orElseThrow()
			.zone()).isEqualTo(ZoneId.of("America/Boise"));
		assertThat(ZoneGuess.fromState("Meetings", "IN the hall, OR online")).isEmpty();
	}

	@Test
	void aCalendarNamesItsZoneInXWrTimezoneOrTzid() {
		assertThat(ZoneGuess.fromCalendar("BEGIN:VCALENDAR\nX-WR-TIMEZONE:America/Chicago\n").orElseThrow().zone())
			.isEqualTo(ZoneId.of("America/Chicago"));
		assertThat(ZoneGuess.fromCalendar("DTSTART;TZID=Not/AZone:20180627T130000\nDTEND;TZID=\"America/Denver\":2018\n")
			.orElseThrow().zone()).isEqualTo(ZoneId.of("America/Denver"));
	}

}
