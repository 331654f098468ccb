package org.sunshine.document;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.sunshine.MutableClock;
import org.sunshine.Planning;
import org.sunshine.Sealed;
import org.sunshine.TestClockConfiguration;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.DocumentLink;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingDocument;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;
import org.sunshine.subscription.NewSubscription;
import org.sunshine.subscription.Subscriptions;

/**
 * Agenda documents from the poll to the resident: a real agenda packet served by WireMock is read after the meeting
 * is stored, page by page; a match inside it reaches email and SMS naming the document and the page; an unchanged
 * packet is neither downloaded within the recheck time nor parsed again after a 304; a packet that gains a page
 * about someone's topic tells them, and one re-issued with the same text tells nobody; a document that cannot be
 * read is recorded on the meeting and the others are still read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sunshine.feed.scheduling=false", "sunshine.document.recheck-after=1h" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class DocumentAlertTests {

	static final ZoneId GARDENA = ZoneId.of("America/Los_Angeles");

	/** 11:00 in Gardena: routine texts are not held for quiet hours. */
	static final Instant DAYTIME = TestClockConfiguration.NOW.plus(Duration.ofHours(4));

	static final AtomicInteger counter = new AtomicInteger();

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ownPort(ServerSetupTest.SMTP)).withPerMethodLifecycle(false);

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	static Path config;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		Path feeds = config.resolve("feeds.yml");
		Files.writeString(feeds, """
				feeds:
				  - id: gardena
				    name: City of Gardena
				    type: legistar
				    url: http://localhost:%d/v1/gardena
				    timezone: America/Los_Angeles
				    every: 15m
				  - id: no-documents
				    name: City Without Documents
				    type: legistar
				    url: http://localhost:%d/v1/other
				    timezone: America/Los_Angeles
				    every: 15m
				    documents: false
				""".formatted(server.getPort(), server.getPort()));
		registry.add("sunshine.feeds-file", feeds::toString);
		registry.add("sunshine.outbox-dir", () -> config.resolve("outbox").toString());
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
	}

	static ServerSetup ownPort(ServerSetup setup) {
		ServerSetup own = setup.dynamicPort();
		own.setServerStartupTimeout(30_000);
		return own;
	}

	@Autowired
	Meetings meetings;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	DocumentSweep sweep;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@MockitoSpyBean
	TextExtractor extractor;

	@LocalServerPort
	int port;

	@BeforeEach
	void reset() {
		clock.set(DAYTIME);
	}

	@Test
	void aMatchOnAPageOfARealPacketReachesEmailAndSmsWithThePageAndTheUnchangedPacketIsReadOnce() throws Exception {
		String path = "/packet-" + counter.incrementAndGet() + ".pdf";
		// Bytes no other test serves, so that this packet's content is not already known from another URL.
		byte[] served = TestPdfs.resaved(TestPdfs.gardena(), "Gardena " + path);
		server.stubFor(get(urlEqualTo(path)).willReturn(pdf(served, "\"v1\"")));
		server.stubFor(get(urlEqualTo(path)).withHeader("If-None-Match", WireMock.equalTo("\"v1\""))
			.willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));
		String email = subscriber("county recorder", "+13105550101");
		String other = subscriber("287(g)", null);

		poll(meeting("pc-1", item("6", "Extension of time, Tentative Parcel Map No. 82410"))
			.withDocuments(new DocumentLink("Agenda packet", server.baseUrl() + path)));
		assertThat(alerts(email)).as("the title says nothing about the county recorder").isEmpty();

		assertThat(sweep.sweep()).isOne();
		Planning.awaitPlanned(jdbc);

		MimeMessage alert = awaitEmail(email);
		String text = GreenMailUtil.getBody(alert).replace("=\r\n", "");
		assertThat(alert.getSubject()).startsWith("In the agenda documents:");
		assertThat(Stream.of(alert.getContent().toString(), text).anyMatch(part -> part.contains("Agenda packet, p. 3")))
			.isTrue();
		String sms = awaitSms("+13105550101");
		assertThat(sms).contains("Agenda packet, p. 3: \\\"").contains("Los Angeles County Recorder");
		assertThat(alerts(other)).isEmpty();
		MeetingDocument packet = meeting("pc-1").documents().get(0);
		assertThat(packet.title()).isEqualTo("Agenda packet");
		assertThat(packet.pages()).isEqualTo(7);
		assertThat(packet.error()).isNull();
		String api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/api/meetings?feed=gardena&from=2025-07-01")).build(), HttpResponse.BodyHandlers.ofString()).body();
		assertThat(api).contains("\"documents\":[{\"title\":\"Agenda packet\",\"url\":\"" + server.baseUrl() + path
				+ "\",\"pages\":7}]");

		assertThat(sweep.sweep()).as("within the recheck time: not asked for again").isZero();
		server.verify(1, getRequestedFor(urlEqualTo(path)));

		clock.set(DAYTIME.plus(Duration.ofHours(2)));
		assertThat(sweep.sweep()).as("a 304 is no news").isZero();
		server.verify(2, getRequestedFor(urlEqualTo(path)));
		verify(extractor, times(1)).extract(any(), anyString());
		assertThat(alerts(email)).hasSize(1);
	}

	@Test
	void aPacketThatGainsAPageAboutATopicTellsItsFollowersAndARepublishedSamePacketTellsNobody() throws Exception {
		String path = "/revised-" + counter.incrementAndGet() + ".pdf";
		server.stubFor(get(urlEqualTo(path)).willReturn(pdf(TestPdfs.lomita(), null)));
		String follower = subscriber("287(g)", "+13105550102");
		String reader = subscriber("Narbonne Avenue", null);
		poll(meeting("cc-1", item("1", "Opening ceremonies"))
			.withDocuments(new DocumentLink("Agenda packet", server.baseUrl() + path)));
		sweep.sweep();
		Planning.awaitPlanned(jdbc);
		assertThat(awaitEmail(reader).getSubject()).startsWith("In the agenda documents:");
		assertThat(alerts(follower)).isEmpty();

		byte[] revised = TestPdfs.withPage(TestPdfs.lomita(), "Resolution to reinstate the 287(g) Task Force Model agreement");
		server.stubFor(get(urlEqualTo(path)).willReturn(pdf(revised, null)));
		clock.set(DAYTIME.plus(Duration.ofHours(2)));
		assertThat(sweep.sweep()).isOne();
		Planning.awaitPlanned(jdbc);

		String body = GreenMailUtil.getBody(awaitEmail(follower)).replace("=\r\n", "");
		assertThat(body).contains("Agenda packet, p. 5").contains("287(g) Task Force Model");
		assertThat(awaitSms("+13105550102")).contains("Agenda packet, p. 5");
		assertThat(alerts(reader)).as("Narbonne Avenue is on no more pages than before").hasSize(1);

		server.stubFor(get(urlEqualTo(path)).willReturn(pdf(TestPdfs.resaved(revised, "Re-issued"), null)));
		clock.set(DAYTIME.plus(Duration.ofHours(4)));
		assertThat(sweep.sweep()).as("new bytes, the same text: a revision, but nobody hears of it").isOne();
		Planning.awaitPlanned(jdbc);
		assertThat(alerts(follower)).hasSize(1);
		assertThat(alerts(reader)).hasSize(1);
	}

	@Test
	void documentsThatCannotBeReadAreRecordedOnTheMeetingAndTheOthersAreStillRead() {
		int n = counter.incrementAndGet();
		server.stubFor(get(urlEqualTo("/scanned-" + n + ".pdf")).willReturn(pdf(TestPdfs.scanned(), null)));
		server.stubFor(get(urlEqualTo("/locked-" + n + ".pdf")).willReturn(pdf(TestPdfs.encrypted(TestPdfs.lomita()), null)));
		server.stubFor(get(urlEqualTo("/gone-" + n + ".pdf")).willReturn(aResponse().withStatus(404)));
		server.stubFor(get(urlEqualTo("/huge-" + n + ".pdf")).willReturn(pdf(new byte[60 * 1024 * 1024], null)));
		server.stubFor(get(urlEqualTo("/good-" + n + ".pdf")).willReturn(pdf(TestPdfs.gardena(), null)));
		String base = server.baseUrl();
		poll(meeting("bad-" + n,
				new AgendaItemSnapshot("i1", "1", "Consent calendar", null, null, List.of(), List.of(
						new DocumentLink("Scanned minutes", base + "/scanned-" + n + ".pdf"),
						new DocumentLink("Locked memo", base + "/locked-" + n + ".pdf"),
						new DocumentLink("Missing report", base + "/gone-" + n + ".pdf"),
						new DocumentLink("Enormous packet", base + "/huge-" + n + ".pdf"),
						new DocumentLink("Staff report", base + "/good-" + n + ".pdf")))));

		sweep.sweep();

		List<MeetingDocument> documents = meeting("bad-" + n).items().get(0).documents();
		assertThat(documents).extracting(MeetingDocument::title)
			.containsExactly("Scanned minutes", "Locked memo", "Missing report", "Enormous packet", "Staff report");
		assertThat(documents.get(0).error()).contains("no text");
		assertThat(documents.get(0).pages()).isEqualTo(1);
		assertThat(documents.get(1).error()).isEqualTo("the PDF is encrypted");
		assertThat(documents.get(2).error()).contains("HTTP 404");
		assertThat(documents.get(3).error()).contains("larger than");
		assertThat(documents.get(4).error()).isNull();
		assertThat(documents.get(4).pages()).isEqualTo(7);
	}

	@Test
	void aFeedWithDocumentsOffIsNeverAskedForThem() {
		String path = "/off-" + counter.incrementAndGet() + ".pdf";
		server.stubFor(get(urlEqualTo(path)).willReturn(pdf(TestPdfs.gardena(), null)));
		MeetingSnapshot snapshot = new MeetingSnapshot("no-documents", "m-off", "City Without Documents", "Council",
				"Council", local(7, 15, 18, 0), GARDENA, "City Hall", MeetingStatus.SCHEDULED, null, null, null, List.of(),
				List.of(new DocumentLink("Agenda", server.baseUrl() + path)));
		poll(snapshot);

		sweep.sweep();

		server.verify(0, getRequestedFor(urlEqualTo(path)));
	}

	// --- helpers ---

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder pdf(byte[] body, String etag) {
		var response = aResponse().withStatus(200).withHeader("Content-Type", "application/pdf").withBody(body);
		return etag == null ? response : response.withHeader("ETag", etag);
	}

	private void poll(MeetingSnapshot snapshot) {
		meetings.reconcile(snapshot.feedId(), List.of(snapshot));
		Planning.awaitPlanned(jdbc);
	}

	private MeetingSnapshot meeting(String id, AgendaItemSnapshot... items) {
		return new MeetingSnapshot("gardena", id, "City of Gardena", "Planning Commission", "Planning Commission",
				local(7, 15, 19, 0), GARDENA, "City Council Chamber", MeetingStatus.SCHEDULED, null, null, null,
				List.of(items));
	}

	private Meeting meeting(String sourceId) {
		return meetings.find(TestClockConfiguration.NOW, TestClockConfiguration.NOW.plus(Duration.ofDays(60)), null)
			.stream().filter(meeting -> meeting.sourceId().equals(sourceId)).findFirst().orElseThrow();
	}

	private static AgendaItemSnapshot item(String number, String title) {
		return new AgendaItemSnapshot(number, number, title, null, null, List.of());
	}

	private static Instant local(int month, int day, int hour, int minute) {
		return ZonedDateTime.of(2025, month, day, hour, minute, 0, 0, GARDENA).toInstant();
	}

	/** A confirmed subscriber following one term; returns their email address. */
	private String subscriber(String term, String phone) {
		String email = "doc-" + counter.incrementAndGet() + "@example.org";
		subscriptions.subscribe(new NewSubscription(email, phone, "en", List.of(term), List.of(), "immediate",
				List.of(), null, null, null, "test"), "127.0.0.1");
		jdbc.sql("update contact_point set consent = 'CONFIRMED' where subscriber_id = (select subscriber_id from contact_point where address_hash = ?)")
			.param(Sealed.hash(email)).update();
		// Written past the subscription module: tell the journal of interest changes as it would.
		jdbc.sql("insert into interest_change (subscriber_id, changed_at) select id, current_timestamp from subscriber").update();
		return email;
	}

	/** The alerts planned for the subscriber with this address (confirmations aside). */
	private List<String> alerts(String email) {
		return jdbc.sql("""
				select n.kind from notification n where n.kind <> 'confirm' and n.channel = 'EMAIL' and n.subscriber_id =
				    (select subscriber_id from contact_point where address_hash = ?) order by n.id""")
			.param(Sealed.hash(email)).query(String.class).list();
	}

	private MimeMessage awaitEmail(String address) {
		return await().atMost(Duration.ofSeconds(60)).until(() -> Stream.of(mail.getReceivedMessages())
			.filter(message -> recipient(message).equals(address))
			.filter(message -> !subject(message).contains("onfirm"))
			.reduce((first, second) -> second).orElse(null), message -> message != null);
	}

	private String awaitSms(String phone) {
		Path directory = config.resolve("outbox").resolve("sms");
		return await().atMost(Duration.ofSeconds(60)).until(() -> {
			if (!Files.isDirectory(directory)) {
				return null;
			}
			try (Stream<Path> files = Files.list(directory)) {
				return files.sorted().map(DocumentAlertTests::read)
					.filter(json -> json.contains(phone) && json.contains("Agenda packet"))
					.reduce((first, second) -> second).orElse(null);
			}
		}, json -> json != null);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			return "";
		}
	}

	private static String recipient(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (Exception e) {
			return "";
		}
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (Exception e) {
			return "";
		}
	}

}
