package org.sunshine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.sunshine.MeetingReconciliationTests.item;
import static org.sunshine.MeetingReconciliationTests.meeting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.sunshine.MeetingReconciliationTests.SnapshotBuilder;
import org.sunshine.matching.InterestMatcher;
import org.sunshine.matching.Match;
import org.sunshine.meeting.MeetingChanged;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.meeting.Meetings;
import org.sunshine.subscription.NewSubscription;
import org.sunshine.subscription.Subscriptions;

/**
 * One table of cases holds alerts and meeting search ({@code GET /api/meetings?q=} and the meetings page) to the
 * same answer: a search finds a meeting exactly when an interest with the same text is alerted of its announcement.
 * Alias groups come from this test's own file, which it edits while the application runs.
 */
@SpringBootTest(properties = { "sunshine.feeds-file=target/no-feeds.yml", "sunshine.outbox-dir=target/test-outbox",
		"sunshine.matching.aliases-file=target/search-agrees/aliases.yml" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
@RecordApplicationEvents
class SearchAgreesWithAlertsTests {

	static final Path ALIASES = Path.of("target/search-agrees/aliases.yml");

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

	@Autowired
	WebApplicationContext context;

	MockMvc mvc;

	@BeforeEach
	void setUp() throws IOException {
		mvc = MockMvcBuilders.webAppContextSetup(context).build();
		aliases("aliases:\n  - [stormwater, \"storm water\", drainage]\n");
	}

	@ParameterizedTest(name = "{0} in \"{1}\": {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			287g                  | Renewal of the 287 (g) agreement            | true
			287 (g)               | Renewal of the 287(g) agreement             | true
			287(g)                | Renewal of the 287g agreement               | true
			immigrations          | Update on immigration enforcement           | true
			inmigración           | Informe sobre la inmigracion en Cayo Hueso  | true
			inmigración           | Informe sobre las inmigraciones recientes   | true
			imm                   | Update on immigration enforcement           | false
			imm*                  | Update on immigration enforcement           | true
			`"public safety"`     | Public works report on building safety      | false
			`"public safety"`     | Report of the public safety committee       | true
			police -fire          | Police and fire pensions                    | false
			police OR sheriff     | The Sheriff's office budget                 | true
			police AND sheriff    | The Sheriff's office budget                 | false
			drainage              | Stormwater utility fee                      | true
			stormwater            | Seawall repair on Atlantic Boulevard        | false
			""")
	void searchFindsExactlyWhatAnAlertWithTheSameWordsMatches(String query, String itemTitle, boolean found)
			throws Exception {
		String feed = "search-" + counter.incrementAndGet();
		long subscriber = subscribe(query);
		MeetingRevision announced = announce(meeting(feed, "m1").items(item("i1", "4", itemTitle)));

		assertThat(matchesOf(subscriber, announced)).hasSize(found ? 1 : 0);
		mvc.perform(get("/api/meetings").param("feed", feed).param("q", query))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(found ? 1 : 0));
		String page = mvc.perform(get("/meetings").param("feed", feed).param("q", query))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page.contains(itemTitle.replace("'", "&#39;"))).isEqualTo(found);
	}

	@Test
	void aSearchThatCannotBeReadIsA400NamingQAndThePosition() throws Exception {
		mvc.perform(get("/api/meetings").param("q", "police OR"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("q"))
			.andExpect(jsonPath("$.detail").value("q: position 8: OR needs a word after it"));
		String page = mvc.perform(get("/meetings").param("q", "(police"))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("could not be read near character 1");
	}

	@Test
	void anEditOfTheAliasGroupsReachesAlertsWithoutRestartAndTheAlertNamesTheAliasThatMatched() throws Exception {
		long subscriber = subscribe("287(g)");
		String feed = "search-" + counter.incrementAndGet();
		MeetingRevision announced = announce(meeting(feed, "m1")
			.items(item("i1", "7", "Agreement with Immigration and Customs Enforcement on detainers")));
		assertThat(matchesOf(subscriber, announced)).isEmpty();

		aliases("aliases:\n  - [\"287(g)\", \"Immigration and Customs Enforcement\", ICE]\n");

		assertThat(matchesOf(subscriber, announced)).singleElement().satisfies(match -> {
			assertThat(match.terms()).containsExactly("Immigration and Customs Enforcement (≈ 287(g))");
			assertThat(match.items().get(0).snippet().hit()).isEqualTo("Immigration and Customs Enforcement");
		});
		mvc.perform(get("/api/meetings").param("feed", feed).param("q", "287g")).andExpect(jsonPath("$.length()").value(1));

		aliases("aliases:\n  - [\"287(g)\"]\n");
		assertThat(matchesOf(subscriber, announced)).hasSize(1);
	}

	private static void aliases(String yaml) throws IOException {
		Files.createDirectories(ALIASES.getParent());
		Files.writeString(ALIASES, yaml);
	}

	private long subscribe(String interest) {
		String email = "searcher" + counter.incrementAndGet() + "@example.org";
		subscriptions.subscribe(new NewSubscription(email, null, "en", List.of(interest), null, null, null, null, null,
				null, "test"), "127.0.0.1");
		jdbc.sql("update contact_point set consent = 'CONFIRMED' where address_hash = ?").param(Sealed.hash(email)).update();
		// Written past the subscription module: tell the journal of interest changes as it would.
		jdbc.sql("insert into interest_change (subscriber_id, changed_at) select id, current_timestamp from subscriber").update();
		return jdbc.sql("select subscriber_id from contact_point where address_hash = ?").param(Sealed.hash(email))
			.query(Long.class).single();
	}

	private MeetingRevision announce(SnapshotBuilder meeting) {
		events.clear();
		meetings.reconcile(meeting.feedId, List.of(meeting.build()));
		return events.stream(MeetingChanged.class).map(event -> meetings.revision(event.revisionId()).orElseThrow())
			.findFirst().orElseThrow();
	}

	private List<Match> matchesOf(long subscriberId, MeetingRevision event) {
		return matcher.match(event).stream().filter(match -> match.subscriberId() == subscriberId).toList();
	}

}
