package org.sunshine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.sunshine.Sealed;
import org.sunshine.TestClockConfiguration;
import org.sunshine.matching.InterestMatcher;
import org.sunshine.matching.Match;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;
import org.sunshine.subscription.Subscriptions;

/**
 * {@code /meetings/{id}}: the meeting, its flags, items with their documents, calendar links, following its body
 * or the meeting itself (which matching then honours); errors in residents' words and language; stale forms.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sunshine.feeds-file=src/test/resources/org/sunshine/web/feeds.yml", "sunshine.admin.password=secret",
		"sunshine.outbox-dir=target/test-outbox/meeting-page" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class MeetingPageTests {

	static final String TITLE = "2. A Resolution rescinding Resolution 25-180 and reinstating the 287(g) Task Force Model agreement";

	@LocalServerPort
	int port;

	@Autowired
	Meetings meetings;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	InterestMatcher matcher;

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void meetingPageShowsTheMeetingFlagsItemsDocumentsAndCalendars(String language) throws Exception {
		Meeting meeting = specialMeeting("page-" + language);
		Document page = get("/meetings/" + meeting.id() + "?lang=" + language, client()).document();
		ResourceBundle words = bundle(language);
		assertThat(page.select("html").attr("lang")).isEqualTo(language);
		assertThat(page.select("h1").text()).contains("City Commission").contains("Special Meeting");
		assertThat(page.select(".flag.special").text()).isEqualTo(words.getString("meeting.special"));
		assertThat(page.select("#agenda li").first().text()).startsWith("2. A Resolution").doesNotContain("2. 2.");
		assertThat(page.select("#agenda .documents a").eachAttr("href"))
			.containsExactly("https://keywest.legistar.com/docs/Staff_Report_287g.pdf");
		assertThat(page.select("#agenda .documents a").text()).isEqualTo("Staff Report 287g");
		assertThat(page.select("#calendars a").eachAttr("href")).contains("/meetings/" + meeting.id() + ".ics")
			.anyMatch(href -> href.startsWith("/meetings.ics?feed=key-west&body=City"));
		String when = Map.of("en", "Tue, Jul 8, 2025, 5:00 PM EDT", "es", "mar 8 de jul de 2025, 5:00 p. m. EDT", "ht",
				"mad 8 jiy 2025, 5:00 PM EDT").get(language);
		assertThat(page.select("dl.facts").text()).contains(when);
		assertThat(page.select("form[method=post] input[name=_csrf]")).isNotEmpty();
	}

	@Test
	void meetingsListLinksToEachMeetingAndNumbersItemsOnce() throws Exception {
		Meeting meeting = specialMeeting("list");
		Document list = get("/meetings?lang=ht", client()).document();
		assertThat(list.select("a[href=/meetings/" + meeting.id() + "]")).isNotEmpty();
		assertThat(list.text()).doesNotContain("2. 2.").contains("mad 8 jiy 2025");
	}

	@Test
	void movedAndCancelledMeetingsAreFlagged() throws Exception {
		Meeting meeting = specialMeeting("flags");
		meetings.reconcile("key-west", List.of(snapshot("flags", Instant.parse("2025-07-08T22:00:00Z"), MeetingStatus.SCHEDULED)));
		assertThat(get("/meetings/" + meeting.id(), client()).document().select(".flag.moved")).isNotEmpty();
		meetings.reconcile("key-west", List.of(snapshot("flags", Instant.parse("2025-07-08T22:00:00Z"), MeetingStatus.CANCELLED)));
		assertThat(get("/meetings/" + meeting.id(), client()).document().select(".flag.cancelled")).isNotEmpty();
		assertThat(get("/meetings/" + meeting.id() + ".ics", client()).body()).contains("STATUS:CANCELLED");
	}

	@Test
	void followingTheBodyReachesMatchingForEveryChangeOfItsMeetings() throws Exception {
		Meeting meeting = specialMeeting("follow-body");
		Response answer = post("/meetings/" + meeting.id() + "/follow", Map.of("email", "body-follower@example.org",
				"language", "es", "follow", "body"), client());
		assertThat(answer.status()).isEqualTo(200);
		long subscriber = confirm("body-follower@example.org");

		Meeting other = specialMeeting("follow-body-next");
		MeetingRevision revision = latestRevision(other.id());
		List<Match> matches = matcher.match(revision).stream().filter(match -> match.subscriberId() == subscriber).toList();
		assertThat(matches).singleElement().satisfies(match -> {
			assertThat(match.terms()).containsExactly("City Commission");
			assertThat(match.items()).extracting(item -> item.key()).contains("9102");
		});
	}

	@Test
	void followingOneMeetingReachesMatchingForThatMeetingOnly() throws Exception {
		Meeting meeting = specialMeeting("follow-one");
		post("/meetings/" + meeting.id() + "/follow", Map.of("email", "meeting-follower@example.org", "follow", "meeting"),
				client());
		long subscriber = confirm("meeting-follower@example.org");
		meetings.reconcile("key-west", List.of(snapshot("follow-one", Instant.parse("2025-07-08T22:00:00Z"), MeetingStatus.SCHEDULED)));
		assertThat(matcher.match(latestRevision(meeting.id()))).anyMatch(match -> match.subscriberId() == subscriber);
		Meeting other = specialMeeting("follow-one-other");
		assertThat(matcher.match(latestRevision(other.id()))).noneMatch(match -> match.subscriberId() == subscriber);
	}

	@Test
	void aSubscribersLinkFollowsWithOnePressAndShowsTheirPrivateCalendar() throws Exception {
		Meeting meeting = specialMeeting("token-follow");
		subscriptions.subscribe(new org.sunshine.subscription.NewSubscription("token@example.org", null, "ht", List.of("budget"),
				List.of(), null, null, null, null, null, "test"), "127.0.0.1");
		long id = confirm("token@example.org");
		String token = subscriptions.issueLinkToken(id);
		HttpClient browser = client();
		Document page = get("/s/" + token + "/meetings/" + meeting.id(), browser).document();
		assertThat(page.select("html").attr("lang")).isEqualTo("ht");
		assertThat(page.select("#calendars a").eachAttr("href")).contains("/s/" + token + "/calendar.ics");
		Response followed = post("/s/" + token + "/meetings/" + meeting.id() + "/follow", Map.of("follow", "body"), browser);
		assertThat(followed.document().select("#follow .notice").text()).isEqualTo(bundle("ht").getString("meeting.followed"));
		assertThat(subscriptions.follows(token)).singleElement().satisfies(follow -> assertThat(follow.body()).isEqualTo("City Commission"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void fieldErrorsAreInThePagesLanguageOnceBesideTheField(String language) throws Exception {
		HttpClient browser = client();
		get("/?lang=" + language, browser);
		Response answer = post("/subscribe", Map.of("interests", "287(g)", "email", "not-an-address", "language", language), browser);
		assertThat(answer.status()).isEqualTo(400);
		Document page = answer.document();
		String expected = bundle(language).getString("field.error.email");
		assertThat(page.select("#email-error").text()).isEqualTo(expected);
		assertThat(page.select("#email").attr("aria-describedby")).isEqualTo("email-error");
		assertThat(occurrences(page.text(), expected)).isEqualTo(1);
		assertThat(page.text()).doesNotContain("not a valid email address");
		assertThat(page.select("#interests").text()).isEqualTo("287(g)");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void aTopicThatCannotBeReadIsToldBesideTheFieldWithWhereInTheTopic(String language) throws Exception {
		HttpClient browser = client();
		get("/?lang=" + language, browser);
		Response answer = post("/subscribe", Map.of("interests", "\"Key West, Florida\" OR 287g, police (fire",
				"email", "topics-" + language + "@example.org", "language", language), browser);

		assertThat(answer.status()).isEqualTo(400);
		String expected = java.text.MessageFormat.format(bundle(language).getString("field.error.syntax"), 8);
		assertThat(answer.document().select("#interests-error").text()).isEqualTo(expected);
		assertThat(post("/subscribe", Map.of("interests", "\"Key West, Florida\" OR 287g, police -fire",
				"email", "topics-" + language + "@example.org", "language", language), browser).status()).isEqualTo(200);
		assertThat(jdbc.sql("select terms from interest order by id desc").query(String.class).list().get(0))
			.isEqualTo("\"Key West, Florida\" OR 287g\npolice -fire");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void thePreviewShowsWhatTheTopicsWouldFindNowKeepsTheFormAndStoresNothing(String language) throws Exception {
		meetings.reconcile("key-west", List.of(snapshot("preview-" + language, Instant.parse("2025-07-08T21:00:00Z"),
				MeetingStatus.SCHEDULED)));
		HttpClient browser = client();
		get("/?lang=" + language, browser);
		int subscribers = jdbc.sql("select count(*) from subscriber").query(Integer.class).single();
		String email = "preview-" + language + "@example.org";

		Response found = post("/subscribe", Map.of("interests", "287g", "email", email, "language", language,
				"preview", "1"), browser);

		assertThat(found.status()).isEqualTo(200);
		assertThat(found.document().select("#preview-title").text())
			.isEqualTo(bundle(language).getString("signup.preview.title"));
		assertThat(found.document().select("#preview > ul > li").text()).contains("City Commission")
			.contains("reinstating the 287(g) Task Force Model agreement");
		assertThat(found.document().select("#preview a").eachAttr("href")).allMatch(href -> href.startsWith("/meetings/"));
		assertThat(found.document().select("#interests").text()).as("the form as it was").isEqualTo("287g");
		assertThat(found.document().select("#email").val()).isEqualTo(email);

		Response nothing = post("/subscribe", Map.of("interests", "ferry terminal -287g", "email", email, "language",
				language, "preview", "1"), browser);
		assertThat(nothing.document().select("#preview p").text()).isEqualTo(bundle(language).getString("signup.preview.none"));

		Response unreadable = post("/subscribe", Map.of("interests", "police (fire", "email", email, "language", language,
				"preview", "1"), browser);
		assertThat(unreadable.status()).isEqualTo(400);
		assertThat(unreadable.document().select("#interests-error").text()).isNotBlank();
		assertThat(unreadable.document().select("#preview")).isEmpty();

		assertThat(jdbc.sql("select count(*) from subscriber").query(Integer.class).single()).as("a preview stores nobody")
			.isEqualTo(subscribers);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void missingPagesAreInThePagesLanguage(String language) throws Exception {
		Response missing = get("/meetings/999999?lang=" + language, client());
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.document().select("h1").text()).isEqualTo(bundle(language).getString("error.404.title"));
		Response nowhere = get("/no-such-page?lang=" + language, client());
		assertThat(nowhere.status()).isEqualTo(404);
		assertThat(nowhere.body()).doesNotContain("Whitelabel");
		assertThat(nowhere.document().select("h1").text()).isEqualTo(bundle(language).getString("error.404.title"));
	}

	@Test
	void aStaleFormIsShownAgainWithItsInputAndAFreshToken() throws Exception {
		HttpClient browser = client();
		get("/?lang=es", browser);
		Map<String, String> fields = Map.of("_csrf", "stale-token", "interests", "287(g), vivienda", "email", "ana@example.org",
				"language", "es");
		Response stale = post("/subscribe", fields, browser, false);
		assertThat(stale.status()).isEqualTo(403);
		Document page = stale.document();
		assertThat(page.select(".alert").text()).contains(bundle("es").getString("form.stale"));
		assertThat(page.select("#interests").text()).isEqualTo("287(g), vivienda");
		assertThat(page.select("#email").val()).isEqualTo("ana@example.org");
		String fresh = page.select("input[name=_csrf]").val();
		assertThat(fresh).isNotBlank().isNotEqualTo("stale-token");
		Map<String, String> again = new java.util.HashMap<>(fields);
		again.put("_csrf", fresh);
		assertThat(post("/subscribe", again, browser, false).status()).isEqualTo(200);
	}

	@Test
	void aStaleFollowFormIsShownAgainOnItsMeetingPage() throws Exception {
		Meeting meeting = specialMeeting("stale-follow");
		HttpClient browser = client();
		get("/meetings/" + meeting.id() + "?lang=ht", browser);
		Response stale = post("/meetings/" + meeting.id() + "/follow", Map.of("_csrf", "old", "email", "jan@example.org",
				"follow", "meeting", "language", "ht"), browser, false);
		assertThat(stale.status()).isEqualTo(403);
		Document page = stale.document();
		assertThat(page.select("h1").text()).contains("City Commission");
		assertThat(page.select("#follow .alert").text()).contains(bundle("ht").getString("form.stale"));
		assertThat(page.select("#email").val()).isEqualTo("jan@example.org");
		assertThat(page.select("#follow-meeting").hasAttr("checked")).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void aRefusedRequestGetsTheForbiddenPageInThePagesLanguage(String language) throws Exception {
		HttpClient browser = client();
		get("/?lang=" + language, browser);
		HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/subscribe"))
			.header("Accept", "text/html").header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).doesNotContain("Whitelabel");
		assertThat(Jsoup.parse(refused.body()).select("h1").text()).isEqualTo(bundle(language).getString("error.403.title"));
	}

	@Test
	void aSignUpLinkPrefillsTopicsAndLanguage() throws Exception {
		Document page = get("/?interests=" + URLEncoder.encode("287(g)", StandardCharsets.UTF_8) + "&lang=es", client()).document();
		assertThat(page.select("#interests").text()).isEqualTo("287(g)");
		assertThat(page.select("html").attr("lang")).isEqualTo("es");
		assertThat(page.select("#language option[selected]").val()).isEqualTo("es");
	}

	@Test
	void aSubscribersLinkSpeaksTheirLanguageUnlessTheSwitcherChoseAnother() throws Exception {
		subscriptions.subscribe(new org.sunshine.subscription.NewSubscription("maria@example.org", null, "es", List.of("vivienda"),
				List.of(), null, null, null, null, null, "test"), "127.0.0.1");
		String token = subscriptions.issueLinkToken(confirm("maria@example.org"));
		HttpClient browser = client();
		assertThat(get("/s/" + token, browser).document().select("html").attr("lang")).isEqualTo("es");
		assertThat(get("/s/" + token + "/unsubscribe", browser).document().select("html").attr("lang")).isEqualTo("es");
		assertThat(get("/s/" + token + "?lang=ht", browser).document().select("html").attr("lang")).isEqualTo("ht");
		assertThat(get("/s/" + token, browser).document().select("html").attr("lang")).isEqualTo("ht");
	}

	// --- fixtures

	private Meeting specialMeeting(String sourceId) {
		meetings.reconcile("key-west", List.of(snapshot(sourceId, Instant.parse("2025-07-08T21:00:00Z"), MeetingStatus.SCHEDULED)));
		return meetings.find(TestClockConfiguration.NOW, Instant.parse("2025-12-31T00:00:00Z"), "key-west").stream()
			.filter(meeting -> meeting.sourceId().equals(sourceId)).findFirst().orElseThrow();
	}

	private static MeetingSnapshot snapshot(String sourceId, Instant start, MeetingStatus status) {
		return new MeetingSnapshot("key-west", sourceId, "City of Key West", "City Commission", "Special Meeting", start,
				ZoneId.of("America/New_York"), "City Hall, 1300 White Street", status, "https://keywest.legistar.com/agenda.pdf",
				null, null, List.of(new AgendaItemSnapshot("9102", "2.", TITLE, null, "Res. 25-212",
						List.of("https://keywest.legistar.com/docs/Staff_Report_287g.pdf"))));
	}

	private MeetingRevision latestRevision(long meetingId) {
		long revision = jdbc.sql("select max(id) from meeting_revision where meeting_id = ?").param(meetingId).query(Long.class)
			.single();
		return meetings.revision(revision).orElseThrow();
	}

	/** Confirms the sign-up's contact points as the confirmation link would. */
	private long confirm(String email) {
		long subscriber = jdbc.sql("select subscriber_id from contact_point where address_hash = ?").param(Sealed.hash(email)).query(Long.class)
			.single();
		jdbc.sql("update contact_point set consent = 'CONFIRMED' where subscriber_id = ?").param(subscriber).update();
		// Written past the subscription module: tell the journal of interest changes as it would.
		jdbc.sql("insert into interest_change (subscriber_id, changed_at) select id, current_timestamp from subscriber").update();
		return subscriber;
	}

	record Response(int status, String body) {

		Document document() {
			return Jsoup.parse(body);
		}

	}

	private static HttpClient client() {
		return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
	}

	private Response get(String path, HttpClient client) throws Exception {
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept-Language", "en-US").header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body());
	}

	private Response post(String path, Map<String, String> fields, HttpClient client) throws Exception {
		return post(path, fields, client, true);
	}

	/** Posts a form as a browser would: with the CSRF token of the page it came from unless one is given. */
	private Response post(String path, Map<String, String> fields, HttpClient client, boolean withToken) throws Exception {
		Map<String, String> form = new java.util.HashMap<>(fields);
		if (withToken) {
			String pagePath = path.replaceAll("/follow$", "").replace("/subscribe", "/");
			form.put("_csrf", get(pagePath, client).document().select("input[name=_csrf]").first().val());
		}
		String body = form.entrySet().stream()
			.map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept-Language", "en-US").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body());
	}

	private static ResourceBundle bundle(String language) {
		return ResourceBundle.getBundle("i18n/messages", Locale.forLanguageTag(language));
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
