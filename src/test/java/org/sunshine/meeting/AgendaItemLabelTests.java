package org.sunshine.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An item's number is written once, however the source writes it. */
class AgendaItemLabelTests {

	@Test
	void numberIsPrefixedWhenTheTitleLacksIt() {
		assertThat(AgendaItem.label("2", "A Resolution")).isEqualTo("2 A Resolution");
		assertThat(AgendaItem.label("4.2", "Pier repairs")).isEqualTo("4.2 Pier repairs");
	}

	@Test
	void numberAlreadyAtTheHeadOfTheTitleIsNotRepeated() {
		assertThat(AgendaItem.label("1.", "1. A Resolution")).isEqualTo("1. A Resolution");
		assertThat(AgendaItem.label("1", "1. A Resolution")).isEqualTo("1. A Resolution");
		assertThat(AgendaItem.label("3)", "3) Budget")).isEqualTo("3) Budget");
	}

	@Test
	void aTitleThatOnlyStartsWithTheSameDigitsKeepsTheNumber() {
		assertThat(AgendaItem.label("1", "10 ways to fix the pier")).isEqualTo("1 10 ways to fix the pier");
		assertThat(AgendaItem.label(null, "Minutes")).isEqualTo("Minutes");
		assertThat(AgendaItem.label(" ", "Minutes")).isEqualTo("Minutes");
	}

}
