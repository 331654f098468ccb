package org.sunshine.feed.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CancellationMarkersTest {

	@ParameterizedTest
	@ValueSource(strings = { "Board of Directors (CANCELED)", "City Council - CANCELLED", "meeting cancelled",
			"Canceled: Planning Board", "Room 201\nCANCELLED" })
	void recognisesBothSpellings(String text) {
		assertThat(CancellationMarkers.anyCancelled(null, text)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Cancel", "Recessed to 09/29/20 at 1:30 p.m.", "Rescheduled to May 5",
			"Cancellation of Pensions", "uncancelledness", "Final" })
	void ignoresOtherWords(String text) {
		assertThat(CancellationMarkers.anyCancelled(text, null)).isFalse();
	}

}
