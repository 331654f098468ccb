package org.sunshine.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sunshine.subscription.SmsKeyword;

/** GOING, VOY and M AP VINI answer a campaign, and collide with none of the carrier keywords. */
class RsvpWordsTests {

	@ParameterizedTest
	@ValueSource(strings = { "GOING", "going", " Going! ", "I'm going", "VOY", "voy.", "Yo voy", "M AP VINI", "m ap vini",
			"M'ap vini", "map vini" })
	void answersGoing(String text) {
		assertThat(Rsvps.isGoing(text)).isTrue();
		assertThat(SmsKeyword.of(text)).as("not a carrier keyword").isEqualTo(SmsKeyword.OTHER);
	}

	@ParameterizedTest
	@ValueSource(strings = { "YES", "STOP", "START", "HELP", "not going", "voyage", "vini", "", "   " })
	void otherTextsAreNotAnAnswer(String text) {
		assertThat(Rsvps.isGoing(text)).isFalse();
	}

}
