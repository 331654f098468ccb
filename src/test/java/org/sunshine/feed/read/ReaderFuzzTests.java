package org.sunshine.feed.read;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of each reader with Jazzer, for a longer run before a release (README, "Fuzzing"): the
 * same checks as {@link ReaderMutationTests}, on inputs Jazzer evolves from the real captures. In a normal build
 * each method runs once on each of its seeds ({@code ReaderFuzzTestsInputs/<method>/}, links to the reader tests'
 * captures) and on the empty input; inputs that a fuzzing run finds failing are written there too, and stay as
 * regression tests once committed.
 */
class ReaderFuzzTests {

	@FuzzTest(maxDuration = "10m")
	void legistarEvents(byte[] input) {
		ReaderTarget.LEGISTAR_EVENTS.check(input);
	}

	@FuzzTest(maxDuration = "10m")
	void legistarEventItems(byte[] input) {
		ReaderTarget.LEGISTAR_EVENT_ITEMS.check(input);
	}

	@FuzzTest(maxDuration = "10m")
	void rss(byte[] input) {
		ReaderTarget.RSS.check(input);
	}

	@FuzzTest(maxDuration = "10m")
	void iCalendar(byte[] input) {
		ReaderTarget.ICALENDAR.check(input);
	}

	@FuzzTest(maxDuration = "10m")
	void civicPlus(byte[] input) {
		ReaderTarget.CIVICPLUS.check(input);
	}

	@FuzzTest(maxDuration = "10m")
	void granicus(byte[] input) {
		ReaderTarget.GRANICUS.check(input);
	}

	@FuzzTest(maxDuration = "10m")
	void primeGov(byte[] input) {
		ReaderTarget.PRIMEGOV.check(input);
	}

	@FuzzTest(maxDuration = "10m")
	void civicClerk(byte[] input) {
		ReaderTarget.CIVICCLERK.check(input);
	}

}
