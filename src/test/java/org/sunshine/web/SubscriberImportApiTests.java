package org.sunshine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.jayway.jsonpath.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sunshine.Planning;
import org.sunshine.Sealed;
import org.sunshine.SunshineLog;
import org.sunshine.TestClockConfiguration;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;
import org.sunshine.subscription.Interest;
import org.sunshine.subscription.NewSubscription;
import org.sunshine.subscription.Subscriptions;

/**
 * A city's existing alert list, posted as CSV by an admin: good rows become confirmed subscribers who hear
 * nothing until a meeting matches them; bad rows come back by line and column; addresses already held are
 * skipped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sunshine.feeds-file=src/test/resources/org/sunshine/web/feeds.yml", "sunshine.admin.password=secret",
		"sunshine.outbox-dir=target/test-outbox/import", "spring.mail.host=localhost" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class SubscriberImportApiTests {

	static final String HEADER = "email,phone,language,interests,consent_at,consent_source\n";

	// A port of its own, and one server for the class, which shares one application context.
	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	Meetings meetings;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void importsGoodRowsConfirmedAndReportsBadOnesByLineAndColumn(CapturedOutput log) throws Exception {
		subscriptions.subscribe(new NewSubscription("already@example.org", null, "en", List.of("budget"), null, null,
				null, null, null, null, "test"), "127.0.0.1");
		long journalled = subscriptions.interestJournal().latest();

		HttpResponse<String> response = importCsv(HEADER + """
				vecina@example.org,(305) 555-0142,es,287(g);immigration,2024-03-01T09:30:00-05:00,Old service export 2024
				,+13055550143,ht,\"""task force"";police",2024-03-02T10:00:00Z,paper form at City Hall
				not-an-address,,en,budget,2024-03-01T09:30:00Z,export
				,12,en,budget,2024-03-01T09:30:00Z,export
				uk@example.org,+44 20 7946 0958,en,budget,2024-03-01T09:30:00Z,export
				fr@example.org,,fr,budget,2024-03-01T09:30:00Z,export
				late@example.org,,en,budget,March 1st,export
				,,en,budget,2024-03-01T09:30:00Z,export
				already@example.org,,en,stormwater,2024-03-01T09:30:00Z,export
				vecina@example.org,,en,stormwater,2024-03-01T09:30:00Z,export
				other@example.org,+13055550142,en,stormwater,2024-03-01T09:30:00Z,export

				gardener@example.org,,,stormwater,2024-03-05T12:00:00+00:00,export
				""", "admin:secret");

		assertThat(response.statusCode()).isEqualTo(200);
		String body = response.body();
		assertThat((Integer) JsonPath.read(body, "$.imported")).isEqualTo(3);
		assertThat((Integer) JsonPath.read(body, "$.skipped")).isEqualTo(3);
		assertThat((List<Integer>) JsonPath.read(body, "$.errors[*].line")).containsExactly(4, 5, 6, 7, 8, 9);
		assertThat((List<String>) JsonPath.read(body, "$.errors[*].field"))
			.containsExactly("email", "phone", "phone", "language", "consent_at", "email");
		assertThat((String) JsonPath.read(body, "$.errors[3].detail")).contains("unknown language 'fr'");
		assertThat((String) JsonPath.read(body, "$.errors[4].detail")).contains("ISO-8601");
		assertThat((Integer) JsonPath.read(body, "$.errorsNotListed")).isZero();

		assertThat(contactPoint("vecina@example.org")).containsEntry("CONSENT", "CONFIRMED")
			.containsEntry("CONSENT_METHOD", "import").containsEntry("CONSENT_SOURCE", "Old service export 2024");
		assertThat(consentAt("vecina@example.org")).isEqualTo(Instant.parse("2024-03-01T14:30:00Z"));
		assertThat(contactPoint("+13055550142")).containsEntry("CONSENT", "CONFIRMED").containsEntry("CONSENT_METHOD", "import");
		assertThat(consentAt("+13055550143")).isEqualTo(Instant.parse("2024-03-02T10:00:00Z"));
		assertThat(contactPoint("+13055550143")).containsEntry("CONSENT_SOURCE", "paper form at City Hall");
		assertThat(jdbc.sql("select s.language from subscriber s join contact_point c on c.subscriber_id = s.id where c.address_hash = ?")
			.param(Sealed.hash("gardener@example.org")).query(String.class).single()).isEqualTo("en");
		assertThat(jdbc.sql("select count(*) from contact_point where address_hash in (:hashes)")
			.param("hashes", Sealed.hashes(List.of("vecina@example.org", "already@example.org", "+13055550142"))).query(Integer.class).single()).isEqualTo(3);

		// Nothing goes to an imported contact point by the import itself: no confirmation, no outbox row, no mail.
		List<String> imported = List.of("vecina@example.org", "+13055550142", "+13055550143", "gardener@example.org");
		assertThat(jdbc.sql("select count(*) from notification where destination_hash in (:imported)")
			.param("imported", Sealed.hashes(imported))
			.query(Integer.class).single()).isZero();
		assertThat(mail.getReceivedMessages()).extracting(SubscriberImportApiTests::recipient).doesNotContainAnyElementsOf(imported);

		// Matching picks the imported interests up, like any sign-up's.
		assertThat(subscriptions.interestJournal().latest()).isGreaterThan(journalled);
		assertThat(subscriptions.activeInterests()).extracting(Interest::terms)
			.contains(List.of("287(g)", "immigration"), List.of("\"task force\"", "police"), List.of("stormwater"));
		MeetingSnapshot special = new MeetingSnapshot("key-west", "import-4102", "City of Key West", "City Commission",
				"City Commission", Instant.parse("2025-07-08T21:00:00Z"), ZoneId.of("America/New_York"),
				"City Hall, 1300 White Street", MeetingStatus.SCHEDULED, null, null, "Special Meeting",
				List.of(new AgendaItemSnapshot("9102", "2", "Resolution reinstating the 287(g) agreement with the police", null,
						"Res. 25-212", List.of())));
		assertThat(meetings.reconcile("key-west", List.of(special)).meetingsChanged()).isEqualTo(1);
		Planning.awaitPlanned(jdbc);
		assertThat(jdbc.sql("select destination from notification where kind <> 'confirm' and destination_hash in (:imported)")
			.param("imported", Sealed.hashes(imported)).query(String.class).list().stream().map(Sealed::open).toList())
			.containsExactlyInAnyOrder("vecina@example.org", "+13055550142", "+13055550143");

		// GreenMail's own lines name the mailboxes it creates as mail arrives; only Sunshine's lines count here.
		assertThat(SunshineLog.of(log)).contains("Import done: 12 rows read, 3 imported, 3 skipped, 6 refused")
			.doesNotContain("vecina@example.org").doesNotContain("5550142").doesNotContain("5550143");
	}

	@Test
	void needsTheAdminsCredentials() throws Exception {
		String csv = HEADER + "intruder@example.org,,en,budget,2024-03-01T09:30:00Z,export\n";
		assertThat(importCsv(csv, null).statusCode()).isEqualTo(401);
		assertThat(importCsv(csv, "admin:wrong").statusCode()).isEqualTo(401);
		assertThat(jdbc.sql("select count(*) from contact_point where address_hash = '" + Sealed.hash("intruder@example.org") + "'").query(Integer.class).single())
			.isZero();
	}

	@Test
	void refusesAWrongHeaderWithAProblemNamingTheColumn() throws Exception {
		HttpResponse<String> unknown = importCsv("e-mail,phone,language,interests,consent_at,consent_source\n"
				+ "header@example.org,,en,budget,2024-03-01T09:30:00Z,export\n", "admin:secret");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat((String) JsonPath.read(unknown.body(), "$.errors[0].field")).isEqualTo("header");
		assertThat((String) JsonPath.read(unknown.body(), "$.detail")).contains("unknown column(s) 'e-mail'")
			.contains("missing column(s) email");

		HttpResponse<String> missing = importCsv("email,phone,language,interests,consent_at\n", "admin:secret");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat((String) JsonPath.read(missing.body(), "$.detail")).contains("missing column(s) consent_source");

		assertThat(importCsv("", "admin:secret").statusCode()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from contact_point where address_hash = '" + Sealed.hash("header@example.org") + "'").query(Integer.class).single())
			.isZero();
	}

	@Test
	void answersAWrongHeaderWhileTheClientIsStillSendingALargeFile() throws Exception {
		String rows = "someone@example.org,,en,budget,2024-03-01T09:30:00Z,export\n".repeat(100_000); // about 6 MB
		HttpResponse<String> response = importCsv("mail,phone,language,interests,consent_at,consent_source\n" + rows, "admin:secret");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat((String) JsonPath.read(response.body(), "$.detail")).contains("'mail'");
	}

	@Test
	void countsLinesAsTheFileHasThemWithBlankLinesQuotedLineBreaksAndAByteOrderMark() throws Exception {
		String csv = "\uFEFFconsent_source,consent_at,interests,language,phone,email\r\n"
				+ "\r\n"
				+ "\"signed at the\r\nlibrary\",2024-03-01T09:30:00Z,budget,en,,lines-one@example.org\r\n"
				+ "export,2024-03-01T09:30:00Z,budget,xx,,lines-two@example.org\r\n"
				+ "export,2024-03-01T09:30:00Z,budget,en\r\n"
				+ "export,2099-03-01T09:30:00Z,budget,en,,lines-three@example.org\r\n"
				+ ",2024-03-01T09:30:00Z,budget,en,,lines-four@example.org\r\n"
				+ "export,2024-03-01T09:30:00Z,;;,en,,lines-five@example.org";
		String body = importCsv(csv, "admin:secret").body();
		assertThat((Integer) JsonPath.read(body, "$.imported")).isEqualTo(1);
		assertThat((List<Integer>) JsonPath.read(body, "$.errors[*].line")).containsExactly(5, 6, 7, 8, 9);
		assertThat((List<String>) JsonPath.read(body, "$.errors[*].field"))
			.containsExactly("language", null, "consent_at", "consent_source", "interests");
		assertThat(contactPoint("lines-one@example.org")).containsEntry("CONSENT_SOURCE", "signed at the\r\nlibrary");
	}

	@Test
	void stopsAtALineThatCannotBeReadAndKeepsTheRowsBeforeIt() throws Exception {
		String csv = HEADER + "before-quote@example.org,,en,budget,2024-03-01T09:30:00Z,export\n"
				+ "broken@example.org,,en,\"budget,2024-03-01T09:30:00Z,export\n"
				+ "after-quote@example.org,,en,budget,2024-03-01T09:30:00Z,export\n";
		String body = importCsv(csv, "admin:secret").body();
		assertThat((Integer) JsonPath.read(body, "$.imported")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(body, "$.errors[0].line")).isEqualTo(3);
		assertThat((String) JsonPath.read(body, "$.errors[0].detail")).startsWith("the file cannot be read from this line on");

		// A quote left open in a large file is stopped after a row's worth of characters, not read into memory.
		String open = HEADER + "open-quote@example.org,,en,\"budget,2024-03-01T09:30:00Z,export\n"
				+ "next@example.org,,en,budget,2024-03-01T09:30:00Z,export\n".repeat(5_000);
		String refused = importCsv(open, "admin:secret").body();
		assertThat((String) JsonPath.read(refused, "$.errors[0].detail")).contains("a row longer than 100000 characters");
		assertThat(jdbc.sql("select count(*) from contact_point where address_hash in (:hashes)")
			.param("hashes", Sealed.hashes(List.of("before-quote@example.org", "broken@example.org", "after-quote@example.org",
					"next@example.org")))
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void listsTheFirstThousandBadRowsAndCountsTheRest() throws Exception {
		String body = importCsv(HEADER + "not-an-address,,en,budget,2024-03-01T09:30:00Z,export\n".repeat(1_500), "admin:secret").body();
		assertThat((List<?>) JsonPath.read(body, "$.errors")).hasSize(1_000);
		assertThat((Integer) JsonPath.read(body, "$.errors[999].line")).isEqualTo(1_001);
		assertThat((Integer) JsonPath.read(body, "$.errorsNotListed")).isEqualTo(500);
	}

	@Test
	void readsTheCharsetTheClientNamesAndRefusesBytesThatAreNotIt() throws Exception {
		String csv = HEADER + "latin@example.org,,es,vivienda,2024-03-01T09:30:00Z,Formulario en español\n";
		HttpResponse<String> latin = send(csv.getBytes(Charset.forName("windows-1252")), "text/csv; charset=windows-1252", "admin:secret");
		assertThat((Integer) JsonPath.read(latin.body(), "$.imported")).isEqualTo(1);
		assertThat(contactPoint("latin@example.org")).containsEntry("CONSENT_SOURCE", "Formulario en español");

		// Sent as UTF-8 (the default) but written in Windows-1252: the row with an accent is refused, not garbled.
		String other = HEADER + "plain@example.org,,en,housing,2024-03-01T09:30:00Z,Web form\n"
				+ "utf@example.org,,es,vivienda,2024-03-01T09:30:00Z,Formulario en español\n";
		String mislabelled = send(other.getBytes(Charset.forName("windows-1252")), "text/csv", "admin:secret").body();
		assertThat((Integer) JsonPath.read(mislabelled, "$.imported")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(mislabelled, "$.errors[0].line")).isEqualTo(3);
		assertThat((String) JsonPath.read(mislabelled, "$.errors[0].field")).isEqualTo("consent_source");
		assertThat((String) JsonPath.read(mislabelled, "$.errors[0].detail")).contains("charset=windows-1252");
	}

	private Map<String, Object> contactPoint(String address) {
		return jdbc.sql("select consent, consent_method, consent_source from contact_point where address_hash = ?").param(Sealed.hash(address))
			.query().singleRow().entrySet().stream()
			.collect(java.util.stream.Collectors.toMap(e -> e.getKey().toUpperCase(),
					e -> e.getValue() instanceof String text ? Sealed.open(text) : e.getValue()));
	}

	private Instant consentAt(String address) {
		return jdbc.sql("select consent_at from contact_point where address_hash = ?").param(Sealed.hash(address))
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant()).single();
	}

	private static String recipient(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private HttpResponse<String> importCsv(String csv, String credentials) throws Exception {
		return send(csv.getBytes(StandardCharsets.UTF_8), "text/csv", credentials);
	}

	private HttpResponse<String> send(byte[] body, String contentType, String credentials) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/subscribers/import"))
			.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (credentials != null) {
			request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
