package org.sunshine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sunshine.MeetingReconciliationTests.item;
import static org.sunshine.MeetingReconciliationTests.meeting;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.sunshine.MeetingReconciliationTests.SnapshotBuilder;
import org.sunshine.matching.InterestMatcher;
import org.sunshine.matching.Match;
import org.sunshine.matching.MatchedItem;
import org.sunshine.matching.Snippet;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.ChangeKind;
import org.sunshine.meeting.MeetingChanged;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.meeting.Meetings;
import org.sunshine.subscription.NewSubscription;
import org.sunshine.subscription.Subscriptions;

/**
 * {@link InterestMatcher#match} for real subscribers (signed up through {@link Subscriptions}) and real
 * meeting changes (from {@link Meetings#reconcile}). Subscribers of other tests share the database, so
 * every assertion looks only at the matches of the subscriber the test signed up.
 */
@SpringBootTest(properties = { "sunshine.feeds-file=target/no-feeds.yml", "sunshine.outbox-dir=target/test-outbox" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
@RecordApplicationEvents
class MatchingTests {

	static final AtomicInteger counter = new AtomicInteger();

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	Meetings meetings;

	@Autowired
	InterestMatcher matcher;

	@Autowired
	ApplicationEvents events;

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest(name = "term {0} matches agenda text {1}")
	@CsvSource(delimiter = '|', textBlock = """
			287(g)  | 287(g)
			287(g)  | 287g
			287(g)  | 287 (g)
			287g    | 287(g)
			287g    | 287g
			287g    | 287 (g)
			287 (g) | 287(g)
			287 (g) | 287g
			287 (g) | 287 (g)
			""")
	void statuteReferenceMatchesHoweverEitherSideWritesIt(String term, String written) {
		long subscriber = subscribe(term);
		MeetingRevision announced = announce(meeting(newFeed(), "m1")
			.items(item("i1", "7.a", "Discussion of the " + written + " agreement with ICE")));

		List<Match> matches = matchesOf(subscriber, announced);

		assertThat(matches).singleElement().satisfies(match -> {
			assertThat(match.terms()).containsExactly(term);
			assertThat(match.items()).extracting(MatchedItem::key).containsExactly("i1");
		});
	}

	@Test
	void termsMatchWhateverTheCase() {
		long subscriber = subscribe("IMMIGRATION");
		MeetingRevision announced = announce(
				meeting(newFeed(), "m1").items(item("i1", "4", "Update on immigration enforcement")));

		assertThat(matchesOf(subscriber, announced)).singleElement()
			.satisfies(match -> assertThat(match.terms()).containsExactly("IMMIGRATION"));
	}

	@Test
	void quotedPhraseMatchesOnlyWhereItsWordsStandTogether() {
		long subscriber = subscribe("\"public safety\"");
		MeetingRevision together = announce(
				meeting(newFeed(), "m1").items(item("i1", "2", "Report of the public safety committee")));
		MeetingRevision apart = announce(
				meeting(newFeed(), "m2").items(item("i1", "2", "Public works report on building safety")));

		assertThat(matchesOf(subscriber, together)).singleElement()
			.satisfies(match -> assertThat(match.terms()).containsExactly("public safety"));
		assertThat(matchesOf(subscriber, apart)).isEmpty();
	}

	@Test
	void pluralsAndPossessivesMatchTheirBaseWord() {
		long agreement = subscribe("agreement");
		long city = subscribe("city");
		MeetingRevision announced = announce(meeting(newFeed(), "m1").items(
				item("i1", "1", "Interlocal agreements with Monroe County"), item("i2", "2", "The city's budget")));

		assertThat(matchesOf(agreement, announced)).singleElement()
			.satisfies(match -> assertThat(match.items()).extracting(MatchedItem::key).containsExactly("i1"));
		assertThat(matchesOf(city, announced)).singleElement()
			.satisfies(match -> assertThat(match.items()).extracting(MatchedItem::key).containsExactly("i2"));
	}

	@Test
	void accentsDoNotMatter() {
		long subscriber = subscribe("inmigración");
		MeetingRevision announced = announce(
				meeting(newFeed(), "m1").items(item("i1", "5", "Informe sobre inmigracion y la policia")));

		assertThat(matchesOf(subscriber, announced)).singleElement()
			.satisfies(match -> assertThat(match.terms()).containsExactly("inmigración"));
	}

	@Test
	void subscriberOfAnotherTopicIsNotMatched() {
		long stormwater = subscribe("stormwater");
		long statute = subscribe("287(g)");
		MeetingRevision announced = announce(
				meeting(newFeed(), "m1").items(item("i1", "7", "Approval of the 287(g) task force agreement")));

		assertThat(matchesOf(stormwater, announced)).isEmpty();
		assertThat(matchesOf(statute, announced)).hasSize(1);
	}

	@Test
	void interestLimitedToOtherFeedsIsNotMatched() {
		String term = "seawall";
		long elsewhere = subscribe(List.of(term), List.of("other-feed"));
		long here = subscribe(List.of(term), List.of("key-west-x"));
		MeetingRevision announced = announce(
				meeting("key-west-x", "m1").items(item("i1", "3", "Seawall repair on Atlantic Boulevard")));

		assertThat(matchesOf(elsewhere, announced)).isEmpty();
		assertThat(matchesOf(here, announced)).hasSize(1);
	}

	@Test
	void matchNamesTermsItemAndSnippetAsWrittenInTheAgenda() {
		long subscriber = subscribe("287(g)", "sanctuary");
		MeetingRevision announced = announce(meeting(newFeed(), "m1").items(
				item("i1", "1", "Approval of the minutes"),
				new AgendaItemSnapshot("i2", "7.a", "Interlocal agreement with ICE",
						"A resolution approving the 287 (g) task force agreement between the Police Department and ICE",
						"Res. 25-123", List.of())));

		Match match = matchesOf(subscriber, announced).get(0);

		assertThat(match.terms()).containsExactly("287(g)");
		assertThat(match.items()).singleElement().satisfies(item -> {
			assertThat(item.key()).isEqualTo("i2");
			assertThat(item.number()).isEqualTo("7.a");
			assertThat(item.title()).isEqualTo("Interlocal agreement with ICE");
			assertThat(item.matterId()).isEqualTo("Res. 25-123");
			Snippet snippet = item.snippet();
			assertThat(snippet).isNotNull();
			assertThat(snippet.hit()).isEqualTo("287 (g)");
			assertThat(snippet.before()).endsWith("A resolution approving the ").contains("Interlocal agreement");
			assertThat(snippet.after()).startsWith(" task force agreement between");
			assertThat(snippet.toString()).contains("approving the 287 (g) task force");
		});
	}

	@Test
	void addedItemIsMatchedAloneNotTheItemsAlreadyThere() {
		long statute = subscribe("287(g)");
		long stormwater = subscribe("stormwater");
		SnapshotBuilder meeting = meeting(newFeed(), "m1").items(item("i1", "1", "Renewal of the 287(g) agreement"),
				item("i2", "2", "Stormwater utility fee"));
		announce(meeting);

		MeetingRevision added = reconcile(meeting.items(item("i1", "1", "Renewal of the 287(g) agreement"),
				item("i2", "2", "Stormwater utility fee"), item("i3", "3", "Annual report of the 287(g) program")));

		assertThat(added.changes()).singleElement()
			.satisfies(change -> assertThat(change.kind()).isEqualTo(ChangeKind.ITEM_ADDED));
		assertThat(matchesOf(statute, added)).singleElement()
			.satisfies(match -> assertThat(match.items()).extracting(MatchedItem::key).containsExactly("i3"));
		assertThat(matchesOf(stormwater, added)).isEmpty();
	}

	@Test
	void newInterestIsSeenByTheNextMatch() {
		String term = "mangroves";
		MeetingRevision announced = announce(
				meeting(newFeed(), "m1").items(item("i1", "9", "Protection of mangroves on Stock Island")));
		assertThat(matcher.match(announced)).noneMatch(match -> match.terms().contains(term));

		long subscriber = subscribe(term);

		assertThat(matchesOf(subscriber, announced)).singleElement()
			.satisfies(match -> assertThat(match.terms()).containsExactly(term));
	}

	// --- helpers

	private static String newFeed() {
		return "matching-" + counter.incrementAndGet();
	}

	/** Signs up a subscriber following {@code terms} in every feed; returns the subscriber's id. */
	private long subscribe(String... terms) {
		return subscribe(List.of(terms), null);
	}

	private long subscribe(List<String> terms, List<String> feeds) {
		String email = "subscriber" + counter.incrementAndGet() + "@example.org";
		subscriptions.subscribe(new NewSubscription(email, null, "en", terms, feeds, null, null, null, null, null, "test"),
				"127.0.0.1");
		// Matching follows confirmed subscribers only; confirming by link is tested in the lifecycle tests.
		jdbc.sql("update contact_point set consent = 'CONFIRMED' where address_hash = ?").param(Sealed.hash(email)).update();
		// Written past the subscription module: tell the journal of interest changes as it would.
		jdbc.sql("insert into interest_change (subscriber_id, changed_at) select id, current_timestamp from subscriber").update();
		return jdbc.sql("select subscriber_id from contact_point where address_hash = ?").param(Sealed.hash(email))
			.query(Long.class).single();
	}

	private MeetingRevision announce(SnapshotBuilder meeting) {
		MeetingRevision event = reconcile(meeting);
		assertThat(event.has(ChangeKind.ANNOUNCED)).isTrue();
		return event;
	}

	/** Reconciles one poll of the meeting and returns the one change it published. */
	private MeetingRevision reconcile(SnapshotBuilder meeting) {
		events.clear();
		meetings.reconcile(meeting.feedId, List.of(meeting.build()));
		List<MeetingRevision> published = events.stream(MeetingChanged.class)
			.map(event -> meetings.revision(event.revisionId()).orElseThrow())
			.toList();
		assertThat(published).hasSize(1);
		return published.get(0);
	}

	private List<Match> matchesOf(long subscriberId, MeetingRevision event) {
		return matcher.match(event).stream().filter(match -> match.subscriberId() == subscriberId).toList();
	}

}
