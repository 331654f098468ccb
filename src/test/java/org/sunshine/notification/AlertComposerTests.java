package org.sunshine.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sunshine.matching.Match;
import org.sunshine.matching.MatchedItem;
import org.sunshine.matching.Snippet;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Change;
import org.sunshine.meeting.ChangeKind;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.notification.channel.sms.SmsSegments;
import org.sunshine.subscription.Delivery;
import org.sunshine.subscription.Recipient;

/** Alerts in the subscriber's language, from the packaged templates, carrying what the contract lists. */
class AlertComposerTests {

	static final String TITLE = "A Resolution of the City Commission of the City of Key West, Florida, rescinding Resolution "
			+ "25-180 and reinstating the 287 (g) Task Force Model agreement between the Key West Police Department and "
			+ "U.S. Immigration and Customs Enforcement; providing for an effective date";

	final AlertComposer composer = new AlertComposer(new MessageTemplates());

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "en|Special meeting|Tue, Jul 8, 2025, 5:00 PM EDT",
			"es|Reunión especial|mar 8 de jul de 2025, 5:00 p. m. EDT", "ht|Reyinyon espesyal|mad 8 jiy 2025, 5:00 PM EDT" })
	void emailComesInTheSubscribersLanguageWithWhenWhereWhat(String language, String subject, String when) {
		AlertComposer.Email email = composer.email(announced(), List.of(match()), recipient(language),
				new AlertComposer.Links("https://s.example.org/s/t", "https://s.example.org/s/t/unsubscribe"), Set.of("9102"));
		assertThat(email.subject()).startsWith(subject).contains(when);
		assertThat(email.text()).contains(when).contains("City Hall, 1300 White Street").contains("Res. 25-212")
			.contains("287 (g)").contains("https://keywest.legistar.com/agenda.pdf").contains("https://s.example.org/s/t/unsubscribe")
			.contains("https://s.example.org/s/t/meetings/1");
		assertThat(email.html()).contains("href=\"https://s.example.org/s/t/meetings/1\"");
		assertThat(email.html()).contains("lang=\"" + language + "\"").contains("<mark>287 (g)</mark>");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void smsFitsTwoSegmentsEvenForALongItem(String language) {
		String sms = composer.sms(announced(), List.of(match()), recipient(language), Set.of("9102"));
		assertThat(SmsSegments.count(sms)).as(sms).isLessThanOrEqualTo(2);
		assertThat(sms).contains("City Commission").contains("287 (g)").contains("Res. 25-212").contains("STOP").contains("https://keywest.legistar.com/agenda.pdf");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void moveSaysOldAndNewTimeFirst(String language) {
		Instant moved = Instant.parse("2025-07-08T22:00:00Z");
		MeetingRevision event = new MeetingRevision(meeting(moved), 8, List.of(new Change(ChangeKind.RESCHEDULED, "start", null,
				"2025-07-08T21:00:00Z", moved.toString())), true, List.of(), Instant.parse("2025-07-03T14:00:00Z"));
		String text = composer.email(event, List.of(match()), recipient(language),
				new AlertComposer.Links("https://s.example.org/s/t", "https://s.example.org/s/t/unsubscribe"), Set.of("9102")).text();
		assertThat(text).contains(":00 ").containsPattern("5:00 .*-> .*6:00 ");
		assertThat(composer.sms(event, List.of(match()), recipient(language), Set.of("9102"))).contains("6:00");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void reminderSmsFitsTwoSegmentsInEveryLanguage(String language) {
		ReminderComposer reminders = new ReminderComposer(new MessageTemplates());
		Meeting meeting = announced().meeting();
		String sms = reminders.sms(recipient(language), meeting, meeting.items(), Duration.ofHours(2));
		assertThat(SmsSegments.count(sms)).as(sms).isLessThanOrEqualTo(2);
		assertThat(sms).contains("2 ").contains("City Hall, 1300 White Street").contains("STOP");
	}

	private static MeetingRevision announced() {
		return new MeetingRevision(meeting(Instant.parse("2025-07-08T21:00:00Z")), 7, List.of(new Change(ChangeKind.ANNOUNCED,
				null, null, null, null)), true, List.of(), Instant.parse("2025-07-03T14:00:00Z"));
	}

	private static Meeting meeting(Instant start) {
		return new Meeting(1, "key-west", "4102", "City of Key West", "City Commission", "City Commission", start,
				ZoneId.of("America/New_York"), "City Hall, 1300 White Street\nCommission Chambers", MeetingStatus.SCHEDULED,
				"https://keywest.legistar.com/agenda.pdf", null, "Special Meeting", 0,
				List.of(new AgendaItem("9102", "2", TITLE, null, "Res. 25-212", List.of())));
	}

	private static Match match() {
		return new Match(1, 1, List.of("287(g)"), List.of(new MatchedItem("9102", "2", TITLE, "Res. 25-212",
				new Snippet("…rescinding Resolution 25-180 and reinstating the ", "287 (g)", " Task Force Model agreement…"))), null);
	}

	private static Recipient recipient(String language) {
		return new Recipient(1, "p", language, null, Delivery.IMMEDIATE, List.of(Duration.ofHours(24)), null, null, 7, List.of());
	}

}
