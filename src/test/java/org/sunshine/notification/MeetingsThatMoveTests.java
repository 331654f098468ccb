package org.sunshine.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.sunshine.MutableClock;
import org.sunshine.Planning;
import org.sunshine.Sealed;
import org.sunshine.TestClockConfiguration;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;
import org.sunshine.subscription.NewSubscription;
import org.sunshine.subscription.Subscriptions;

/**
 * Meetings as they really move, driven by an injected clock: corrections to everyone told, per-item
 * agenda revisions, critical changes that skip digests and quiet hours, reminders that follow the
 * meeting and survive a restart, digests, quiet hours, daylight-saving time, and calendar files that a
 * calendar client reads the same way with two independent parsers.
 */
@SpringBootTest(properties = { "sunshine.feeds-file=target/no-feeds.yml", "sunshine.outbox-dir=target/test-outbox/moves" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class MeetingsThatMoveTests {

	static final ZoneId KEY_WEST = ZoneId.of("America/New_York");

	static final AtomicInteger counter = new AtomicInteger();

	@Autowired
	Meetings meetings;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	Reminders reminders;

	@Autowired
	Digests digests;

	@Autowired
	OutboxDispatcher dispatcher;

	@Autowired
	SubscriberCalendar calendars;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	String feed;

	@BeforeEach
	void freshFeed() {
		clock.set(TestClockConfiguration.NOW);
		feed = "moves-" + counter.incrementAndGet();
	}

	@Test
	void everyoneToldHearsOfTheMoveTheRetitleAndTheCancellationEvenIfItMatchesNothingNow() throws Exception {
		long told = subscriber("seawall", "immediate", List.of("PT24H"));
		long neverTold = subscriber("bandstand", "immediate", List.of("PT24H"));
		MeetingSnapshot meeting = meeting("m1", local(2025, 7, 15, 17, 0), "City Hall",
				item("i1", "1", "Seawall repair contract"), item("i2", "2", "Minutes"));
		poll(meeting);
		assertThat(kinds(told)).containsExactly("announced");

		poll(meeting.withItems(item("i1", "1", "Shoreline repair contract"), item("i2", "2", "Minutes")));
		assertThat(lastEmail(told).text()).contains("Agenda item retitled: Seawall repair contract -> Shoreline repair contract");

		poll(meeting.withItems(item("i1", "1", "Shoreline repair contract"), item("i2", "2", "Minutes"))
			.at(local(2025, 7, 15, 18, 30), "Harvey Government Center"));
		Row moved = lastEmail(told);
		assertThat(moved.kind()).isEqualTo("rescheduled");
		assertThat(moved.text().indexOf("TIME CHANGED: Tue, Jul 15, 2025, 5:00 PM EDT -> Tue, Jul 15, 2025, 6:30 PM EDT"))
			.isNotNegative().isLessThan(moved.text().indexOf("When:"));
		assertThat(moved.text()).contains("PLACE CHANGED: City Hall -> Harvey Government Center");

		poll(meeting.withItems(item("i1", "1", "Shoreline repair contract"), item("i2", "2", "Minutes"))
			.at(local(2025, 7, 15, 18, 30), "Harvey Government Center").cancelled());
		Row cancelled = lastEmail(told);
		assertThat(cancelled.kind()).isEqualTo("cancelled");
		assertThat(cancelled.subject()).startsWith("Cancelled:");
		assertThat(kinds(neverTold)).isEmpty();
	}

	@Test
	void withdrawnItemIsCorrectedOnlyToThoseWhoHeardOfIt() {
		long heard = subscriber("lift station", "immediate", List.of());
		long other = subscriber("library hours", "immediate", List.of());
		MeetingSnapshot meeting = meeting("m2", local(2025, 7, 20, 17, 0), "City Hall",
				item("i1", "1", "Lift station replacement"), item("i2", "2", "Library hours extension"));
		poll(meeting);
		int otherBefore = kinds(other).size();

		poll(meeting.withItems(item("i2", "2", "Library hours extension")));
		assertThat(lastEmail(heard).kind()).isEqualTo("item-removed");
		assertThat(lastEmail(heard).text()).contains("Removed from the agenda: Lift station replacement");
		assertThat(kinds(other)).hasSize(otherBefore);
	}

	@Test
	void agendaRevisionAlertsPerItemThatMatches() {
		long follower = subscriber("mangrove", "immediate", List.of());
		MeetingSnapshot meeting = meeting("m3", local(2025, 7, 22, 17, 0), "City Hall", item("i1", "1", "Call to order"));
		poll(meeting);
		assertThat(kinds(follower)).isEmpty();

		poll(meeting.withItems(item("i1", "1", "Call to order"), item("i2", "2", "Mangrove trimming permits"),
				item("i3", "3", "Parking rates")));
		Row added = lastEmail(follower);
		assertThat(added.kind()).isEqualTo("item-added");
		assertThat(added.text()).contains("Added to the agenda: 2 Mangrove trimming permits").doesNotContain("Parking rates");
	}

	@Test
	void criticalChangesSkipDigestAndQuietHoursRoutineOnesWait() {
		clock.set(local(2025, 7, 3, 23, 30)); // late evening in Key West
		long digest = subscriber("ferry terminal", "daily", List.of(), "+13055551001");
		poll(meeting("routine", local(2025, 7, 20, 17, 0), "City Hall", item("i1", "1", "Ferry terminal lease")));
		assertThat(kinds(digest)).as("routine: held for the digest").isEmpty();
		assertThat(jdbc.sql("select count(*) from digest_entry where subscriber_id = ?").param(digest).query(Integer.class).single()).isOne();

		poll(meeting("special", local(2025, 7, 5, 17, 0), "City Hall", item("i1", "1", "Ferry terminal emergency repairs"))
			.titled("Special Meeting"));
		assertThat(rows(digest)).extracting(Row::channel).containsExactlyInAnyOrder("EMAIL", "SMS");
		assertThat(rows(digest)).allSatisfy(row -> assertThat(row.due()).isEqualTo(clock.instant()));
	}

	@Test
	void routineSmsWaitsOutQuietHours() {
		clock.set(local(2025, 7, 3, 23, 30));
		long resident = subscriber("dog park", "immediate", List.of(), "+13055551002");
		poll(meeting("m5", local(2025, 7, 20, 17, 0), "City Hall", item("i1", "1", "Dog park fencing")));

		Row sms = rows(resident).stream().filter(row -> row.channel().equals("SMS")).findFirst().orElseThrow();
		assertThat(sms.due()).isEqualTo(local(2025, 7, 4, 8, 0));
		Row email = rows(resident).stream().filter(row -> row.channel().equals("EMAIL")).findFirst().orElseThrow();
		assertThat(email.due()).isEqualTo(clock.instant());

		dispatcher.dispatchDue();
		assertThat(status(sms.id())).isEqualTo("PENDING");
		clock.set(local(2025, 7, 4, 8, 1));
		dispatcher.dispatchDue();
		assertThat(status(sms.id())).isEqualTo("SENT");
	}

	@Test
	void remindersMoveWithTheMeetingAndAreWithdrawnWhenItIsCancelled() {
		long resident = subscriber("pier", "immediate", List.of("PT24H", "PT3M"));
		MeetingSnapshot meeting = meeting("m6", local(2025, 7, 10, 17, 0), "City Hall", item("i1", "1", "Pier lighting"));
		poll(meeting);
		assertThat(reminderDue(resident)).containsExactly(local(2025, 7, 9, 17, 0), local(2025, 7, 10, 16, 57));

		poll(meeting.at(local(2025, 7, 10, 18, 0), "City Hall"));
		assertThat(reminderDue(resident)).containsExactly(local(2025, 7, 9, 18, 0), local(2025, 7, 10, 17, 57));

		clock.set(local(2025, 7, 9, 17, 30));
		assertThat(reminders.sendDue()).as("the old time is no longer due").isZero();
		clock.set(local(2025, 7, 9, 18, 0));
		assertThat(reminders.sendDue()).isOne();
		Row reminder = lastEmail(resident);
		assertThat(reminder.kind()).isEqualTo("reminder");
		assertThat(reminder.subject()).contains("in 24 hours").contains("Thu, Jul 10, 2025, 6:00 PM EDT");

		poll(meeting.at(local(2025, 7, 10, 18, 0), "City Hall").cancelled());
		clock.set(local(2025, 7, 10, 17, 58));
		assertThat(reminders.sendDue()).isZero();
		assertThat(kinds(resident)).filteredOn("reminder"::equals).hasSize(1);
	}

	@Test
	void restartInTheMiddleOfAReminderWindowNeitherLosesNorRepeatsIt() {
		long resident = subscriber("marina", "immediate", List.of("PT2H"), "+13055551003");
		poll(meeting("m7", local(2025, 7, 8, 17, 0), "City Hall", item("i1", "1", "Marina fees")));
		clock.set(local(2025, 7, 8, 15, 30)); // the process was down when the reminder fell due at 15:00

		Reminders afterRestart = new Reminders(jdbc, meetings, subscriptions, outbox, sender, transactions, clock);
		assertThat(afterRestart.sendDue()).isOne();
		Reminders afterSecondRestart = new Reminders(jdbc, meetings, subscriptions, outbox, sender, transactions, clock);
		assertThat(afterSecondRestart.sendDue()).isZero();
		assertThat(reminders.sendDue()).isZero();

		assertThat(rows(resident)).filteredOn(row -> row.kind().equals("reminder")).extracting(Row::channel)
			.containsExactlyInAnyOrder("EMAIL", "SMS");
	}

	@Autowired
	AlertSender sender;

	@Autowired
	Outbox outbox;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	@Test
	void dailyDigestGroupsEverythingSinceTheLastOneAtTheLocalHourAndNothingIsInTwo() {
		long reader = subscriber("sidewalk", "daily", List.of());
		poll(meeting("d1", local(2025, 7, 21, 17, 0), "City Hall", item("i1", "1", "Sidewalk repairs on Duval")));
		poll(meeting("d2", local(2025, 7, 22, 17, 0), "City Hall", item("i1", "1", "Sidewalk cafe permits")));

		assertThat(digests.sendDue()).as("entries came after today's 7:00 digest").isZero();
		clock.set(local(2025, 7, 4, 7, 0));
		assertThat(digests.sendDue()).isOne();
		Row digest = lastEmail(reader);
		assertThat(digest.kind()).isEqualTo("digest");
		assertThat(digest.text()).contains("Sidewalk repairs on Duval").contains("Sidewalk cafe permits")
			.contains("Mon, Jul 21, 2025, 5:00 PM EDT").contains("Tue, Jul 22, 2025, 5:00 PM EDT");
		assertThat(digests.sendDue()).isZero();

		poll(meeting("d3", local(2025, 7, 23, 17, 0), "City Hall", item("i1", "1", "Sidewalk lighting")));
		clock.set(local(2025, 7, 5, 7, 0));
		assertThat(digests.sendDue()).isOne();
		assertThat(lastEmail(reader).text()).contains("Sidewalk lighting").doesNotContain("Sidewalk cafe permits");
	}

	@Test
	void localTimesAndRemindersAreRightAcrossTheDaylightSavingChange() {
		clock.set(Instant.parse("2025-03-05T15:00:00Z")); // announced in EST
		long resident = subscriber("hurricane shelter", "immediate", List.of("PT24H"));
		poll(meeting("dst", ZonedDateTime.of(2025, 3, 10, 18, 0, 0, 0, KEY_WEST).toInstant(), "City Hall",
				item("i1", "1", "Hurricane shelter plan")));
		assertThat(lastEmail(resident).text()).contains("Mon, Mar 10, 2025, 6:00 PM EDT");
		assertThat(reminderDue(resident)).containsExactly(Instant.parse("2025-03-09T22:00:00Z"));
	}

	@Test
	void calendarFilesKeepTheirUidRaiseTheirSequenceAndCancelReadAlikeByTwoParsers() throws Exception {
		long resident = subscriber("stormwater", "immediate", List.of());
		MeetingSnapshot meeting = meeting("cal", local(2025, 7, 15, 17, 0), "City Hall", item("i1", "1", "Stormwater utility fee"));
		poll(meeting);
		poll(meeting.at(local(2025, 7, 15, 18, 0), "City Hall"));
		poll(meeting.at(local(2025, 7, 15, 18, 0), "City Hall").cancelled());
		List<Row> emails = rows(resident).stream().filter(row -> row.channel().equals("EMAIL")).toList();
		assertThat(emails).hasSize(3);

		List<String> uids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Row email = emails.get(i);
			Calendar ical4j = new CalendarBuilder().build(new StringReader(email.ics()));
			var event = ical4j.getComponent("VEVENT").orElseThrow();
			ICalendar biweekly = Biweekly.parse(email.ics()).first();
			VEvent other = biweekly.getEvents().get(0);

			String uid = event.getProperty(Property.UID).orElseThrow().getValue();
			uids.add(uid);
			assertThat(other.getUid().getValue()).isEqualTo(uid);
			assertThat(event.getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo(String.valueOf(i));
			assertThat(other.getSequence().getValue()).isEqualTo(i);
			assertThat(event.getProperty(Property.DTSTART).orElseThrow().getParameter("TZID").orElseThrow().getValue())
				.isEqualTo("America/New_York");
			Instant start = i == 0 ? local(2025, 7, 15, 17, 0) : local(2025, 7, 15, 18, 0);
			assertThat(other.getDateStart().getValue().toInstant()).isEqualTo(start);
			String method = i == 2 ? "CANCEL" : "PUBLISH";
			assertThat(ical4j.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo(method);
			assertThat(biweekly.getMethod().getValue()).isEqualTo(method);
			assertThat(email.icsMethod()).isEqualTo(method);
			assertThat(other.getStatus().getValue()).isEqualTo(i == 2 ? "CANCELLED" : "CONFIRMED");
		}
		assertThat(uids).containsOnly(uids.get(0));

		ICalendar feed = Biweekly.parse(calendars.ics(resident, java.time.Duration.ofDays(180), 1000)).first();
		assertThat(feed.getEvents()).singleElement().satisfies(event -> {
			assertThat(event.getUid().getValue()).isEqualTo(uids.get(0));
			assertThat(event.getStatus().getValue()).isEqualTo("CANCELLED");
		});
	}

	// --- helpers ---

	record Row(long id, String kind, String channel, String subject, String text, String ics, String icsMethod, Instant due) {
	}

	private long subscriber(String term, String delivery, List<String> reminders, String... phone) {
		String email = term.replace(' ', '-') + counter.incrementAndGet() + "@example.org";
		subscriptions.subscribe(new NewSubscription(email, phone.length == 0 ? null : phone[0], "en", List.of(term), List.of(),
				delivery, reminders, null, null, null, "test"), "127.0.0.1");
		jdbc.sql("update contact_point set consent = 'CONFIRMED' where subscriber_id = (select subscriber_id from contact_point where address_hash = ?)")
			.param(Sealed.hash(email)).update();
		// Written past the subscription module: tell the journal of interest changes as it would.
		jdbc.sql("insert into interest_change (subscriber_id, changed_at) select id, current_timestamp from subscriber").update();
		return jdbc.sql("select subscriber_id from contact_point where address_hash = ?").param(Sealed.hash(email)).query(Long.class).single();
	}

	/** A poll, the planning after it, and the senders: what a resident would see a moment later. */
	private void poll(MeetingSnapshot snapshot) {
		meetings.reconcile(snapshot.feedId(), List.of(snapshot));
		Planning.awaitPlanned(jdbc);
		dispatcher.dispatchDue();
	}

	private MeetingSnapshot meeting(String id, Instant start, String location, AgendaItemSnapshot... items) {
		return new MeetingSnapshot(feed, id, "City of Key West", "City Commission", "City Commission", start, KEY_WEST,
				location, MeetingStatus.SCHEDULED, "https://keywest.legistar.com/" + id + ".pdf", null, null, List.of(items));
	}

	private static AgendaItemSnapshot item(String id, String number, String title) {
		return new AgendaItemSnapshot(id, number, title, null, null, List.of());
	}

	private static Instant local(int year, int month, int day, int hour, int minute) {
		return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, KEY_WEST).toInstant();
	}

	/** The subscriber's messages once the senders have sent what is due (messages are rendered as they leave). */
	private List<Row> rows(long subscriber) {
		dispatcher.dispatchDue();
		return jdbc.sql("""
				select id, kind, channel, subject, body_text, ics, ics_method, next_attempt_at from notification
				where subscriber_id = ? and kind <> 'confirm' order by id""")
			.param(subscriber)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant()))
			.list();
	}

	private List<String> kinds(long subscriber) {
		return rows(subscriber).stream().map(Row::kind).toList();
	}

	private Row lastEmail(long subscriber) {
		List<Row> emails = rows(subscriber).stream().filter(row -> row.channel().equals("EMAIL")).toList();
		assertThat(emails).isNotEmpty();
		return emails.get(emails.size() - 1);
	}

	private List<Instant> reminderDue(long subscriber) {
		return jdbc.sql("select due_at from reminder where subscriber_id = ? and status = 'PENDING' order by due_at")
			.param(subscriber).query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
	}

	private String status(long id) {
		return jdbc.sql("select status from notification where id = ?").param(id).query(String.class).single();
	}

}
