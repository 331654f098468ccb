package org.sunshine.notification.channel.sms;

import org.junit.jupiter.api.Test;

import org.sunshine.notification.channel.sms.SmsSegments.Encoding;

import static org.assertj.core.api.Assertions.assertThat;

class SmsSegmentsTest {

	@Test
	void plainEnglishIsGsm7() {
		assertThat(SmsSegments.encoding("Tue, Jul 8")).isEqualTo(Encoding.GSM_7);
		assertThat(SmsSegments.count("Tue, Jul 8")).isEqualTo(1);
		assertThat(SmsSegments.count("")).isZero();
	}

	@Test
	void gsm7HoldsSpanishEnyeAndHaitianGraves() {
		assertThat(SmsSegments.encoding("Mañana: Comisión de la Ciudad".replace("ó", "o"))).isEqualTo(Encoding.GSM_7);
		assertThat(SmsSegments.encoding("Reyinyon Komisyon Vil la, madi 8 jiyè")).isEqualTo(Encoding.GSM_7);
		// ò is in the GSM 03.38 default alphabet (0x08) too; Ò and ó are not.
		assertThat(SmsSegments.encoding("Lavil la ap fè yon reyinyon pou pò a")).isEqualTo(Encoding.GSM_7);
		assertThat(SmsSegments.encoding("PÒ A")).isEqualTo(Encoding.UCS_2);
		assertThat(SmsSegments.encoding("Reunión")).isEqualTo(Encoding.UCS_2);
	}

	@Test
	void emojiForceUcs2AndCountTwoUnits() {
		assertThat(SmsSegments.encoding("Meeting today 📅")).isEqualTo(Encoding.UCS_2);
		assertThat(SmsSegments.units("📅")).isEqualTo(2);
		assertThat(SmsSegments.count("a".repeat(68) + "📅")).isEqualTo(1);
		assertThat(SmsSegments.count("a".repeat(69) + "📅")).isEqualTo(2);
	}

	@Test
	void gsm7Boundaries() {
		assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
		assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
		assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
		assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
	}

	@Test
	void extensionCharactersCountTwoAndAreNotSplit() {
		assertThat(SmsSegments.units("€5 [item]")).isEqualTo(12);
		assertThat(SmsSegments.count("a".repeat(158) + "€")).isEqualTo(1);
		assertThat(SmsSegments.count("a".repeat(159) + "€")).isEqualTo(2);
		// 152 septets then an escape pair that does not fit in the first part's 153.
		assertThat(SmsSegments.count("a".repeat(152) + "€" + "a".repeat(152))).isEqualTo(3);
	}

	@Test
	void ucs2Boundaries() {
		assertThat(SmsSegments.count("ó".repeat(70))).isEqualTo(1);
		assertThat(SmsSegments.count("ó".repeat(71))).isEqualTo(2);
		assertThat(SmsSegments.count("ó".repeat(134))).isEqualTo(2);
		assertThat(SmsSegments.count("ó".repeat(135))).isEqualTo(3);
	}

}
