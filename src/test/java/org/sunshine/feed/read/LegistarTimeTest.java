package org.sunshine.feed.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LegistarTimeTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "5:00 PM|17:00", "5:00PM|17:00", "5 PM|17:00", "10:00 am|10:00",
			"1:30 p.m.|13:30", "12:00 PM|12:00", "12:15 AM|00:15", "17:00|17:00", "9:05|09:05", "Noon|12:00",
			"' 2:30 PM '|14:30" })
	void readsHandTypedTimes(String text, LocalTime expected) {
		assertThat(LegistarTime.parse(text)).contains(expected);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "TBD", "5:00 P", "5", "13:00 PM", "0:30 AM", "24:00", "5:75 PM", "5:00 PM - 7:00 PM" })
	void refusesAnythingElse(String text) {
		assertThat(LegistarTime.parse(text)).isEmpty();
	}

}
