package org.sunshine.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.notification.channel.sms.SmsSegments;

/**
 * A campaign text leads with the organization, carries the official facts and the RSVP link, ends with the
 * keyword in the follower's language, and fits two GSM-7 segments however long the organizer wrote.
 */
class CampaignComposerTests {

	private final CampaignComposer composer = new CampaignComposer(new MessageTemplates());

	private static final String RSVP = "https://sunshine.example.org/r/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE";

	private final Meeting meeting = new Meeting(7, "key-west", "4102", "City of Key West", "City Commission",
			"Special Meeting", Instant.parse("2025-07-08T21:00:00Z"), ZoneId.of("America/New_York"),
			"City Hall, 1300 White Street, Commission Chambers, second floor, enter from the Simonton Street side",
			MeetingStatus.SCHEDULED, null, null, "Public comment: sign up at the door.", 0,
			List.of(new AgendaItem("9102", "2", "A Resolution of the City Commission rescinding Resolution 25-180 and "
					+ "reinstating the 287 (g) Task Force Model agreement with Immigration and Customs Enforcement", null,
					"Res. 25-212", List.of())));

	@ParameterizedTest
	@CsvSource({ "en, Reply GOING if you can come", "es, Responda VOY si puede venir", "ht, Reponn M AP VINI si w ka vini" })
	void aLongCallStillFitsTwoSegmentsAndEndsWithTheKeyword(String language, String ending) {
		String message = "Llenemos la sala: ¡la votación sobre el acuerdo 287(g) es el martes! Traiga a su familia, "
			.repeat(12);
		String text = composer.sms(FollowerMessage.Kind.CAMPAIGN, letter(language, message), meeting, null, null);
		assertThat(text).startsWith("Key West Immigrant Support Network:").contains("City Commission")
			.contains("2025").contains("EDT").contains(RSVP).endsWith(ending);
		assertThat(SmsSegments.encoding(text)).isEqualTo(SmsSegments.Encoding.GSM_7);
		assertThat(SmsSegments.count(text)).isLessThanOrEqualTo(2);
	}

	@ParameterizedTest
	@CsvSource({ "en", "es", "ht" })
	void aShortCallKeepsTheOrganizersWordsAndTheItem(String language) {
		String text = composer.sms(FollowerMessage.Kind.CAMPAIGN, letter(language, "Fill the chambers!"), meeting, null, null);
		assertThat(text).contains("Fill the chambers!").contains("City Hall");
		assertThat(SmsSegments.count(text)).isLessThanOrEqualTo(2);
	}

	@ParameterizedTest
	@CsvSource({ "en, How to take part", "es, Cómo participar", "ht, Kijan pou patisipe" })
	void anEmailLeadsWithTheOrganizationAndGivesTheOfficialFacts(String language, String howTo) {
		AlertComposer.Email email = composer.email(FollowerMessage.Kind.CAMPAIGN, letter(language, "Fill the chambers!"),
				meeting, null, null);
		assertThat(email.subject()).startsWith("Key West Immigrant Support Network");
		assertThat(email.text()).startsWith("Key West Immigrant Support Network").contains("Fill the chambers!")
			.contains("City Hall, 1300 White Street").contains("2 A Resolution").contains(howTo + ": Public comment")
			.contains(RSVP).contains("https://sunshine.example.org/f/leave-token/leave");
		assertThat(email.html()).contains("Key West Immigrant Support Network").contains(RSVP);
	}

	private static CampaignContent.Letter letter(String language, String message) {
		return new CampaignContent.Letter("Key West Immigrant Support Network", language, message, "attend", List.of("9102"),
				RSVP, "https://sunshine.example.org/f/leave-token/leave", false);
	}

}
