package org.sunshine;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;
import org.sunshine.notification.Senders;
import org.sunshine.notification.channel.EmailSender;
import org.sunshine.notification.channel.OutgoingEmail;
import org.sunshine.notification.channel.SendResult;

/**
 * Sunshine as a cluster: two nodes (two application contexts in this JVM, as two processes would be) on one
 * real PostgreSQL schema, with Quartz clustered and one SMTP server (GreenMail). A feed is polled by one
 * node at a time, whichever node asks; a broadcast is shared by both nodes' senders and reaches each
 * recipient once; a node killed mid-broadcast loses nothing and duplicates at most what it had in flight;
 * a form served by one node can be posted to the other; a rate limit holds across both nodes.
 * <p>
 * Node A is started first and killed last: in one JVM, Quartz registers its connection provider under the
 * scheduler's name, which clustered nodes share, so both schedulers use the pool of the node started last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTests {

	static final String URL = PostgresIntegrationTests.URL;

	static final String SCHEMA = "sunshine_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	static final Instant NOW = Instant.parse("2025-07-03T14:00:00Z");

	static final String FEED = "key-west";

	static final int EMAIL_WORKERS = 8;

	static final com.icegreen.greenmail.util.ServerSetup SMTP = Mails.smtpOnFreePort();

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(SMTP).withPerMethodLifecycle(false);

	static final HeldPolls polls = new HeldPolls();

	@RegisterExtension
	static WireMockExtension legistar = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(polls))
		.resetOnEachTest(false)
		.build();

	@TempDir
	static Path config;

	static ConfigurableApplicationContext a;

	static ConfigurableApplicationContext b;

	/** Node A's senders, stuck in a hand-over when A is killed, stay stuck until the very end (as after kill -9). */
	static final CountDownLatch zombies = new CountDownLatch(1);

	@BeforeAll
	static void startTwoNodes() throws IOException {
		assumeTrue(System.getenv("CI") != null || reachable(), "PostgreSQL is not running on 127.0.0.1:5432");
		legistar.stubFor(get(urlPathEqualTo("/v1/keywest/events")).willReturn(okJson("[]")));
		Path feeds = config.resolve("feeds.yml");
		Files.writeString(feeds, """
				feeds:
				  - id: %s
				    name: City of Key West
				    type: legistar
				    url: http://localhost:%d/v1/keywest
				    timezone: America/New_York
				    every: 1s
				""".formatted(FEED, legistar.getPort()));
		a = start("node-a", feeds);
		b = start("node-b", feeds);
	}

	static ConfigurableApplicationContext start(String name, Path feeds) {
		return new SpringApplicationBuilder(SunshineApplication.class, Node.class).profiles("test", "postgres")
			.run("--spring.datasource.url=" + URL + "?currentSchema=" + SCHEMA, "--spring.datasource.username=postgres",
					"--spring.flyway.schemas=" + SCHEMA, "--spring.flyway.default-schema=" + SCHEMA, "--server.port=0",
					"--spring.quartz.auto-startup=true",
					"--spring.quartz.properties.org.quartz.scheduler.instanceId=" + name,
					"--sunshine.feeds-file=" + feeds, "--sunshine.outbox-dir=target/test-outbox/cluster-" + name,
					"--sunshine.feed.user-agent=Sunshine " + name, "--sunshine.admin.password=test-admin",
					"--spring.mail.host=localhost", "--spring.mail.port=" + SMTP.getPort(),
					"--sunshine.notification.email-workers=" + EMAIL_WORKERS,
					"--sunshine.subscription.confirmations-per-destination-per-day=3");
	}

	@AfterAll
	static void stopNodesAndDropSchema() throws SQLException {
		Stream.of(a, b).filter(node -> node != null && node.isActive()).forEach(ConfigurableApplicationContext::close);
		zombies.countDown();
		if (!reachable()) {
			return;
		}
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists " + SCHEMA + " cascade");
		}
	}

	/** Each node's own clock (moved to expire leases) and its email sender, wrapped to see who sent what. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Node {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(NOW);
		}

		@Bean
		static BeanPostProcessor recordingEmailSender() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return bean instanceof EmailSender sender && !(bean instanceof RecordingEmailSender)
							? new RecordingEmailSender(sender) : bean;
				}
			};
		}

	}

	// --- a. polling ---

	@Test
	@Order(1)
	void aFeedIsPolledByOneNodeAtATimeWhicheverNodeAsks() throws Exception {
		try {
			polls.holding = true;
			// Quartz fires the feed's job every second on either node; the poll that comes is held in WireMock.
			Held first = polls.awaitHeld();
			String polling = first.agent();
			ConfigurableApplicationContext other = polling.endsWith("node-a") ? b : a;
			// Its next run came due meanwhile and waits: the job's trigger is blocked, on every node.
			await().atMost(Duration.ofMinutes(1)).until(ClusterTests::feedTriggerIsDueButBlocked);
			assertThat(polls.inFlight.get()).isOne();

			// An admin asks the other node to poll now: it waits for the poll under way, on the database.
			CompletableFuture<Integer> pollNow = CompletableFuture.supplyAsync(() -> adminPoll(other));
			await().atMost(Duration.ofMinutes(1)).until(ClusterTests::aPollWaitsForTheFeedLock);
			assertThat(polls.inFlight.get()).isOne();

			while (!pollNow.isDone()) {
				polls.releaseOne();
				await().atMost(Duration.ofMinutes(1)).until(() -> pollNow.isDone() || !polls.held.isEmpty());
			}
			assertThat(pollNow.get()).isEqualTo(200);
			assertThat(polls.agents).contains("Sunshine node-a", "Sunshine node-b");
			assertThat(polls.maxInFlight.get()).as("polls of the feed at once, across both nodes").isOne();
		}
		finally {
			polls.holding = false;
			polls.releaseAll();
			a.getBean(Scheduler.class).pauseJob(JobKey.jobKey(FEED, "feeds"));
		}
	}

	// --- b. a broadcast shared by both nodes ---

	@Test
	@Order(2)
	void aBroadcastIsSharedByBothNodesSendersAndReachesEachRecipientOnce() throws Exception {
		String term = "seawall" + System.nanoTime() % 100_000;
		List<String> people = subscribers(2_000, term);
		CountDownLatch bJoined = new CountDownLatch(1);
		emailOf(b).afterSend = email -> bJoined.countDown();
		// A plans the broadcast and its senders start at once; they wait for B's first message, so that
		// both nodes take part whatever the machine's speed (B joins as its sweep would).
		emailOf(a).beforeSend = email -> awaitQuietly(bJoined);
		try {
			meetings(a).reconcile("cluster", List.of(meeting("broadcast-" + term, term)));
			Planning.awaitPlanned(jdbc(a));
			CompletableFuture<Integer> bSending = CompletableFuture.supplyAsync(() -> Senders.dispatchDue(b));

			await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
				.until(() -> statuses(people).equals(Map.of("SENT", (long) people.size())));
			bSending.get(1, TimeUnit.MINUTES);
		}
		finally {
			emailOf(a).beforeSend = email -> {
			};
			emailOf(b).afterSend = email -> {
			};
		}

		Map<String, Long> copies = copiesPerRecipient(people);
		assertThat(copies).hasSize(people.size());
		assertThat(copies.values()).as("copies per recipient").containsOnly(1L);
		long byA = emailOf(a).sentTo(people), byB = emailOf(b).sentTo(people);
		assertThat(byA).as("sent by node A").isPositive();
		assertThat(byB).as("sent by node B").isPositive();
		assertThat(byA + byB).isEqualTo(people.size());
		assertThat(statuses(people)).containsOnlyKeys("SENT");
	}

	// --- CSRF: a form from one node, posted to the other ---

	@Test
	@Order(3)
	void aFormServedByOneNodeCanBePostedToTheOther() throws Exception {
		WebClient browser = new WebClient(base(a));
		HttpResponse<String> page = browser.get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
			.startsWith("XSRF-TOKEN=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));

		HttpResponse<String> signedUp = browser.submit(base(b) + "/subscribe",
				signupForm("csrf-" + System.nanoTime() + "@example.org"));
		assertThat(signedUp.statusCode()).isEqualTo(200);
		assertThat(signedUp.body()).contains("Almost done: please confirm");

		HttpResponse<String> withoutToken = browser.post(base(b) + "/subscribe",
				signupForm("csrf-none-" + System.nanoTime() + "@example.org"), Map.of());
		assertThat(withoutToken.statusCode()).isEqualTo(403);
		// The token alone, without the cookie it was issued with, is no use either (another browser).
		WebClient stranger = new WebClient(base(b));
		Map<String, String> forged = new HashMap<>(signupForm("csrf-forged-" + System.nanoTime() + "@example.org"));
		forged.put("_csrf", csrfField(page.body()));
		assertThat(stranger.post("/subscribe", forged, Map.of()).statusCode()).isEqualTo(403);
	}

	// --- rate limits across nodes ---

	@Test
	@Order(4)
	void aConfirmationLimitPerDestinationHoldsAcrossNodes() throws Exception {
		String email = "limited-" + System.nanoTime() + "@example.org";
		String signup = """
				{"email": "%s", "interests": ["seawall"]}""".formatted(email);

		assertThat(apiSignup(a, signup)).isEqualTo(202);
		assertThat(apiSignup(b, signup)).isEqualTo(202);
		assertThat(apiSignup(a, signup)).isEqualTo(202);
		assertThat(apiSignup(b, signup)).as("the 4th confirmation to one address in a day, on either node").isEqualTo(429);
		assertThat(apiSignup(a, signup)).isEqualTo(429);
		assertThat(jdbc(a).sql("select count(*) from rate_limit_bucket").query(Integer.class).single()).isPositive();
	}

	// --- c. a node killed mid-broadcast ---

	@Test
	@Order(5)
	void aNodeKilledMidBroadcastLosesNothingAndDuplicatesAtMostWhatItHadInFlight() throws Exception {
		String term = "floodgate" + System.nanoTime() % 100_000;
		List<String> people = subscribers(600, term);
		int before = 30;
		AtomicInteger stuck = new AtomicInteger();
		// After 30 messages every sender of A hangs right after SMTP took its message, before A records it.
		emailOf(a).afterSend = email -> {
			if (emailOf(a).sentTo(people) > before) {
				stuck.incrementAndGet();
				awaitUninterruptibly(zombies);
				throw new IllegalStateException("node A is gone");
			}
		};
		meetings(a).reconcile("cluster", List.of(meeting("kill-" + term, term)));
		Planning.awaitPlanned(jdbc(a));
		await().atMost(Duration.ofMinutes(2)).until(() -> stuck.get() == EMAIL_WORKERS);

		a.close();
		JdbcClient jdbc = jdbc(b);
		Map<String, Long> atDeath = statuses(people);
		long inFlight = atDeath.getOrDefault("SENDING", 0L);
		assertThat(inFlight).as("hand-overs under way when A died").isEqualTo(EMAIL_WORKERS);
		assertThat(atDeath.getOrDefault("CLAIMED", 0L)).as("claimed by A, not yet handed over").isPositive();

		// B's clock passes A's leases; B's recovery takes A's messages back and B's senders send the rest.
		b.getBean(MutableClock.class).advance(Senders.claimTimeout(b).plusMinutes(1));
		Senders.recover(b);
		Senders.dispatchDue(b);

		assertThat(statuses(people)).containsOnlyKeys("SENT");
		Map<String, Long> copies = copiesPerRecipient(people);
		assertThat(copies).as("everyone got the message").hasSize(people.size());
		long duplicates = copies.values().stream().mapToLong(count -> count - 1).sum();
		assertThat(duplicates).as("duplicates, at most the hand-overs A had in flight").isLessThanOrEqualTo(inFlight);
		// A duplicate is the same message (same Message-ID), so mail clients can tell.
		Map<String, Set<String>> ids = new HashMap<>();
		for (MimeMessage message : received(people)) {
			ids.computeIfAbsent(to(message), r -> ConcurrentHashMap.newKeySet()).add(message.getMessageID());
		}
		assertThat(ids.values()).allSatisfy(messageIds -> assertThat(messageIds).hasSize(1));
		assertThat(jdbc.sql("select count(*) from notification where status in ('CLAIMED', 'SENDING')")
			.query(Integer.class).single()).isZero();
	}

	// --- helpers ---

	/** Confirmed email subscribers following {@code term}, written directly with batched SQL, as an import would. */
	private static List<String> subscribers(int count, String term) {
		JdbcTemplate batch = a.getBean(JdbcTemplate.class);
		Map<String, String> emailByPublicId = new HashMap<>();
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String publicId = UUID.randomUUID().toString();
			emailByPublicId.put(publicId, term + "-" + i + "@example.org");
			rows.add(new Object[] { publicId, NOW.atOffset(ZoneOffset.UTC) });
		}
		batch.batchUpdate("insert into subscriber (public_id, language, timezone, delivery, reminders, created_at) "
				+ "values (?, 'en', 'America/New_York', 'IMMEDIATE', '', ?)", rows);
		List<Object[]> points = new ArrayList<>();
		List<String> publicIds = new ArrayList<>(emailByPublicId.keySet());
		for (int from = 0; from < publicIds.size(); from += 500) {
			jdbc(a).sql("select id, public_id from subscriber where public_id in (:ids)")
				.param("ids", publicIds.subList(from, Math.min(from + 500, publicIds.size())))
				.query((rs, row) -> points.add(new Object[] { rs.getLong(1), Sealed.seal(emailByPublicId.get(rs.getString(2))),
						Sealed.hash(emailByPublicId.get(rs.getString(2))) }))
				.list();
		}
		batch.batchUpdate("insert into contact_point (subscriber_id, channel, address, address_hash, consent, consent_at, consent_method, created_at) "
				+ "values (?, 'EMAIL', ?, ?, 'CONFIRMED', current_timestamp, 'import', current_timestamp)", points);
		batch.batchUpdate("insert into interest (subscriber_id, terms, created_at, updated_at) values (?, ?, current_timestamp, current_timestamp)",
				points.stream().map(row -> new Object[] { row[0], term }).toList());
		// Written past the subscription module: tell the journal of interest changes as it would.
		batch.batchUpdate("insert into interest_change (subscriber_id, changed_at) values (?, current_timestamp)",
				points.stream().map(row -> new Object[] { row[0] }).toList());
		return List.copyOf(emailByPublicId.values());
	}

	private static MeetingSnapshot meeting(String id, String term) {
		return new MeetingSnapshot("cluster", id, "City of Key West", "City Commission", "City Commission",
				NOW.plus(Duration.ofDays(2)), ZoneId.of("America/New_York"), "City Hall", MeetingStatus.SCHEDULED, null,
				null, null, List.of(new AgendaItemSnapshot("i1", "1", "Report on " + term + " repairs", null, null, List.of())));
	}

	private static Map<String, Long> statuses(List<String> people) {
		Map<String, Long> statuses = new HashMap<>();
		for (int from = 0; from < people.size(); from += 500) {
			jdbc(b).sql("select status, count(*) from notification where kind <> 'confirm' and destination_hash in (:people) group by status")
				.param("people", Sealed.hashes(people.subList(from, Math.min(from + 500, people.size()))))
				.query((rs, row) -> statuses.merge(rs.getString(1), rs.getLong(2), Long::sum))
				.list();
		}
		return statuses;
	}

	private static List<MimeMessage> received(List<String> people) {
		Set<String> wanted = Set.copyOf(people);
		return Stream.of(mail.getReceivedMessages()).filter(message -> wanted.contains(to(message))).toList();
	}

	private static Map<String, Long> copiesPerRecipient(List<String> people) {
		return received(people).stream().collect(Collectors.groupingBy(ClusterTests::to, Collectors.counting()));
	}

	private static String to(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static boolean feedTriggerIsDueButBlocked() {
		return jdbc(b).sql("select count(*) from qrtz_triggers where trigger_name = ? and trigger_group = 'feeds' "
				+ "and trigger_state = 'BLOCKED' and next_fire_time < ?")
			.params(FEED, System.currentTimeMillis()).query(Integer.class).single() == 1;
	}

	/** A session waits for the feed's advisory lock (see FeedLocks): a second poll that is not running. */
	private static boolean aPollWaitsForTheFeedLock() {
		long key = Integer.toUnsignedLong((SCHEMA + "/" + FEED).hashCode());
		return jdbc(b).sql("select count(*) from pg_locks where locktype = 'advisory' and not granted "
				+ "and classid::bigint = ? and objid::bigint = ?")
			.params(0x5EED, key).query(Integer.class).single() == 1;
	}

	private static int adminPoll(ConfigurableApplicationContext node) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(base(node) + "/api/admin/feeds/" + FEED + "/poll"))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString("admin:test-admin".getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers.noBody()).build();
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	private static int apiSignup(ConfigurableApplicationContext node, String json) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base(node) + "/api/subscriptions"))
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static Map<String, String> signupForm(String email) {
		return Map.of("email", email, "interests", "seawall", "language", "en", "delivery", "immediate");
	}

	private static String csrfField(String page) {
		java.util.regex.Matcher field = java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
		assertThat(field.find()).isTrue();
		return field.group(1);
	}

	private static String base(ConfigurableApplicationContext node) {
		return "http://localhost:" + ((WebServerApplicationContext) node).getWebServer().getPort();
	}

	private static JdbcClient jdbc(ConfigurableApplicationContext node) {
		return node.getBean(JdbcClient.class);
	}

	private static Meetings meetings(ConfigurableApplicationContext node) {
		return node.getBean(Meetings.class);
	}

	private static RecordingEmailSender emailOf(ConfigurableApplicationContext node) {
		return (RecordingEmailSender) node.getBean(EmailSender.class);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** A process that is killed does not notice being interrupted: it just stops. */
	private static void awaitUninterruptibly(CountDownLatch latch) {
		while (true) {
			try {
				latch.await();
				return;
			}
			catch (InterruptedException e) {
				// Ignored on purpose, see above.
			}
		}
	}

	private static boolean reachable() {
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
			return connection.isValid(2);
		}
		catch (SQLException e) {
			return false;
		}
	}

	/** One node's email sender, remembering whom it sent to, with hooks a test uses to hold it. */
	static final class RecordingEmailSender implements EmailSender {

		private final EmailSender delegate;

		private final List<String> sent = new CopyOnWriteArrayList<>();

		volatile Consumer<OutgoingEmail> beforeSend = email -> {
		};

		volatile Consumer<OutgoingEmail> afterSend = email -> {
		};

		RecordingEmailSender(EmailSender delegate) {
			this.delegate = delegate;
		}

		@Override
		public String describe() {
			return delegate.describe();
		}

		@Override
		public SendResult send(OutgoingEmail email) {
			beforeSend.accept(email);
			SendResult result = delegate.send(email);
			if (result instanceof SendResult.Accepted) {
				sent.add(email.to());
				afterSend.accept(email);
			}
			return result;
		}

		long sentTo(List<String> people) {
			Set<String> wanted = Set.copyOf(people);
			return sent.stream().filter(wanted::contains).count();
		}

	}

	record Held(String agent, CountDownLatch release) {
	}

	/**
	 * Counts the polls of the feed that are in flight at WireMock (from request to response), remembers which
	 * node sent each (its User-Agent), and, while holding, keeps each response until the test releases it.
	 */
	static final class HeldPolls implements ServeEventListener {

		final AtomicInteger inFlight = new AtomicInteger();

		final AtomicInteger maxInFlight = new AtomicInteger();

		final Set<String> agents = ConcurrentHashMap.newKeySet();

		final BlockingQueue<Held> held = new LinkedBlockingQueue<>();

		volatile boolean holding;

		@Override
		public String getName() {
			return "held-polls";
		}

		@Override
		public boolean applyGlobally() {
			return true;
		}

		@Override
		public void beforeMatch(ServeEvent event, Parameters parameters) {
			if (isPoll(event)) {
				maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
				agents.add(event.getRequest().getHeader("User-Agent"));
			}
		}

		@Override
		public void beforeResponseSent(ServeEvent event, Parameters parameters) {
			if (isPoll(event) && holding) {
				Held poll = new Held(event.getRequest().getHeader("User-Agent"), new CountDownLatch(1));
				held.add(poll);
				awaitQuietly(poll.release());
			}
		}

		@Override
		public void afterComplete(ServeEvent event, Parameters parameters) {
			if (isPoll(event)) {
				inFlight.decrementAndGet();
			}
		}

		Held awaitHeld() {
			await().atMost(Duration.ofMinutes(1)).until(() -> !held.isEmpty());
			return held.peek();
		}

		void releaseOne() {
			Held poll = held.poll();
			if (poll != null) {
				poll.release().countDown();
			}
		}

		void releaseAll() {
			while (!held.isEmpty()) {
				releaseOne();
			}
		}

		private static boolean isPoll(ServeEvent event) {
			return event.getRequest().getUrl().startsWith("/v1/keywest/events");
		}

	}

}
