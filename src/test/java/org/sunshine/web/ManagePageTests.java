package org.sunshine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.sunshine.Sealed;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;
import org.sunshine.subscription.NewSubscription;
import org.sunshine.subscription.Subscriptions;

/** The manage page: add or remove a phone (confirmed on its own), reminders, quiet hours only where texts are on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sunshine.feeds-file=src/test/resources/org/sunshine/web/feeds.yml", "sunshine.admin.password=secret",
		"sunshine.outbox-dir=target/test-outbox/manage-page" })
@ActiveProfiles("test")
class ManagePageTests {

	@LocalServerPort
	int port;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Meetings meetings;

	@Autowired
	java.time.Clock clock;

	@Test
	void quietHoursAreShownOnlyWhereTextsAreOn() throws Exception {
		WebPages browser = new WebPages(port);
		String token = subscriber("quiet-email@example.org", null, "en");
		assertThat(browser.get("/s/" + token).document().select("#quietFrom")).isEmpty();
		String withPhone = subscriber("quiet-sms@example.org", "+13055550101", "en");
		assertThat(browser.get("/s/" + withPhone).document().select("#quietFrom")).isNotEmpty();
	}

	@Test
	void savingWithoutQuietHoursOnThePageKeepsThemAsTheyAre() throws Exception {
		WebPages browser = new WebPages(port);
		String token = subscriber("keep-quiet@example.org", null, "en");
		jdbc.sql("update subscriber set quiet_from = '22:00', quiet_to = '07:00' where id = ?").param(id("keep-quiet@example.org")).update();
		browser.submit("/s/" + token, "form[action$=" + token + "]", Map.of("interests", "budget"));
		assertThat(jdbc.sql("select quiet_from from subscriber where id = ?").param(id("keep-quiet@example.org")).query(String.class)
			.single()).isEqualTo("22:00");
	}

	@Test
	void anAddedPhoneGetsItsOwnConfirmationText() throws Exception {
		WebPages browser = new WebPages(port);
		String token = subscriber("add-phone@example.org", null, "es");
		Document page = browser.submit("/s/" + token, "form[action$=/phone]", Map.of("phone", "305 555 0142")).document();
		assertThat(page.select("main .notice").text()).isEqualTo(WebPages.bundle("es").getString("manage.phone.added"));
		assertThat(jdbc.sql("select consent from contact_point where address_hash = '" + Sealed.hash("+13055550142") + "'").query(String.class).single())
			.isEqualTo("PENDING");
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
			.sql("select count(*) from notification where channel = 'SMS' and kind = 'confirm' and destination_hash = '" + Sealed.hash("+13055550142") + "'")
			.query(Integer.class).single() == 1);
	}

	@Test
	void aWrongPhoneIsNamedBesideTheFieldInTheSubscribersLanguage() throws Exception {
		WebPages browser = new WebPages(port);
		String token = subscriber("bad-phone@example.org", null, "ht");
		WebPages.Response answer = browser.submit("/s/" + token, "form[action$=/phone]", Map.of("phone", "12"));
		assertThat(answer.status()).isEqualTo(400);
		Document page = answer.document();
		assertThat(page.select("#newPhone-error").text()).isEqualTo(WebPages.bundle("ht").getString("field.error.phone"));
		assertThat(page.select("#newPhone").val()).isEqualTo("12");
		assertThat(page.text()).doesNotContain("E.164");
	}

	@Test
	void aPhoneIsRemovedButNeverTheLastWayToReachSomeone() throws Exception {
		WebPages browser = new WebPages(port);
		String both = subscriber("both@example.org", "+13055550143", "en");
		browser.submit("/s/" + both, "form[action$=/phone/remove]", Map.of());
		assertThat(jdbc.sql("select count(*) from contact_point where address_hash = '" + Sealed.hash("+13055550143") + "'").query(Integer.class).single())
			.isZero();
		String phoneOnly = subscriber(null, "+13055550144", "en");
		Document page = browser.submit("/s/" + phoneOnly, "form[action$=/phone/remove]", Map.of()).document();
		assertThat(page.text()).contains(WebPages.bundle("en").getString("field.error.phoneOnly"));
		assertThat(jdbc.sql("select count(*) from contact_point where address_hash = '" + Sealed.hash("+13055550144") + "'").query(Integer.class).single())
			.isOne();
	}

	@Test
	void remindersAreChosenOnThePageNoneIncluded() throws Exception {
		WebPages browser = new WebPages(port);
		String token = subscriber("reminders@example.org", null, "en");
		String form = "form[action$=" + token + "]";
		browser.submit("/s/" + token, form, Map.of("interests", "budget", "remindersShown", "true", "reminders",
				List.of("PT168H", "PT2H")));
		assertThat(reminders("reminders@example.org")).isEqualTo("PT168H,PT2H");
		assertThat(browser.get("/s/" + token).document().select("#reminder-PT168H").hasAttr("checked")).isTrue();
		browser.submit("/s/" + token, form, Map.of("interests", "budget", "remindersShown", "true"));
		assertThat(reminders("reminders@example.org")).isEmpty();
	}

	@Test
	void quietHoursInTheWrongFormAreExplainedOnceInResidentsWords() throws Exception {
		WebPages browser = new WebPages(port);
		String token = subscriber("quiet-wrong@example.org", "+13055550145", "es");
		Document page = browser.submit("/s/" + token, "form[action$=" + token + "]", Map.of("interests", "budget",
				"quietShown", "true", "quietFrom", "9pm", "quietTo", "08:00")).document();
		String expected = WebPages.bundle("es").getString("field.error.quietHours");
		assertThat(page.select("#quiet-error").text()).isEqualTo(expected);
		assertThat(page.text()).doesNotContain("quietHours.from").doesNotContain("HH:mm");
		assertThat(page.text().split(java.util.regex.Pattern.quote(expected), -1)).hasSize(2);
	}

	@Test
	void thePreviewShowsWhatTheTopicsInTheBoxWouldFindAndSavesNothing() throws Exception {
		meetings.reconcile("key-west", List.of(new MeetingSnapshot("key-west", "manage-preview", "City of Key West",
				"City Commission", "Regular Meeting", clock.instant().plus(Duration.ofDays(5)), ZoneId.of("America/New_York"),
				"City Hall", MeetingStatus.SCHEDULED, null, null, null, List.of(new AgendaItemSnapshot("p1", "4.",
						"Stormwater utility fee increase for the fiscal year", null, null, List.of())))));
		WebPages browser = new WebPages(port);
		String token = subscriber("preview-manage@example.org", null, "en");

		Document page = browser.submit("/s/" + token, "form[action$=" + token + "]",
				Map.of("interests", "stormwater fees", "preview", "1")).document();

		assertThat(page.select("#preview > ul > li").text()).contains("City Commission")
			.contains("Stormwater utility fee increase");
		assertThat(page.select("#interests").text()).as("the box keeps what was written").isEqualTo("stormwater fees");
		assertThat(subscriptions.byToken(token).orElseThrow().terms()).as("nothing saved").containsExactly("budget");
	}

	private String subscriber(String email, String phone, String language) {
		subscriptions.subscribe(new NewSubscription(email, phone, language, List.of("budget"), List.of(), null, null, null, null,
				null, "test"), "127.0.0.1");
		long id = email != null ? id(email)
				: jdbc.sql("select subscriber_id from contact_point where address_hash = ?").param(Sealed.hash(phone)).query(Long.class).single();
		jdbc.sql("update contact_point set consent = 'CONFIRMED' where subscriber_id = ?").param(id).update();
		// Written past the subscription module: tell the journal of interest changes as it would.
		jdbc.sql("insert into interest_change (subscriber_id, changed_at) select id, current_timestamp from subscriber").update();
		return subscriptions.issueLinkToken(id);
	}

	private long id(String email) {
		return jdbc.sql("select subscriber_id from contact_point where address_hash = ?").param(Sealed.hash(email)).query(Long.class).single();
	}

	private String reminders(String email) {
		return jdbc.sql("select reminders from subscriber where id = ?").param(id(email)).query(String.class).optional().orElse("");
	}

}
