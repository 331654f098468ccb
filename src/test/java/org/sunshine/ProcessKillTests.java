package org.sunshine;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kill -9 of a real Sunshine process in the middle of a broadcast, and a restart: Sunshine runs as a child JVM
 * (the test's own classpath, {@code SunshineApplication}'s main) on the real PostgreSQL in a schema of its own,
 * sending to GreenMail in this JVM and polling a Legistar feed served by WireMock. Once a third of the
 * broadcast has reached the mail server, the server holds every further message before answering its DATA
 * (the senders are then mid-hand-over, whatever the machine's speed) and the process is killed with SIGKILL.
 * A second process on the same database must deliver everything: nothing lost, and duplicates (same
 * Message-ID) at most the messages that were claimed or being handed over at the kill.
 * <p>
 * The lease is a setting ({@code sunshine.notification.claim-timeout}), short here so that the second process
 * takes the dead one's messages back soon; the test only awaits what the processes do.
 */
class ProcessKillTests {

	static final String URL = PostgresIntegrationTests.URL;

	static final String SCHEMA = "sunshine_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	static final String TERM = "breakwater";

	static final int RECIPIENTS = 1_000;

	static final int EVENT = 7101;

	static final String ADMIN = "admin:kill-test-admin";

	static final Path LOGS = Path.of("target", "process-kill");

	/** Generous: the machines that run the build are loaded; a timeout here means something never happened. */
	static final Duration PATIENCE = Duration.ofMinutes(3);

	static final com.icegreen.greenmail.util.ServerSetup SMTP = Mails.smtpOnFreePort();

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(SMTP).withPerMethodLifecycle(false);

	@RegisterExtension
	static WireMockExtension legistar = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.resetOnEachTest(false)
		.build();

	static final List<Process> children = new CopyOnWriteArrayList<>();

	/** A test JVM that exits without reaching @AfterAll (interrupted build) still takes its children along. */
	static final Thread reaper = new Thread(() -> children.forEach(Process::destroyForcibly), "process-kill-reaper");

	static HeldDeliveries deliveries;

	static Path feeds;

	@BeforeAll
	static void serveTheFeedAndTheMailServer() throws IOException {
		assumeTrue(System.getenv("CI") != null || reachable(), "PostgreSQL is not running on 127.0.0.1:5432");
		Runtime.getRuntime().addShutdownHook(reaper);
		deliveries = new HeldDeliveries(mail.getUserManager().getMessageDeliveryHandler());
		mail.getUserManager().setMessageDeliveryHandler(deliveries);
		legistar.stubFor(get(urlPathEqualTo("/v1/keywest/events")).willReturn(okJson("[]")));
		feeds = Files.createDirectories(LOGS.resolve(SCHEMA)).resolve("feeds.yml");
		// Polled on demand (the admin's "poll now"); the hourly schedule only ever sees the same feed.
		Files.writeString(feeds, """
				feeds:
				  - id: key-west
				    name: City of Key West
				    type: legistar
				    url: http://localhost:%d/v1/keywest
				    timezone: America/New_York
				    every: 1h
				""".formatted(legistar.getPort()));
	}

	@AfterAll
	static void stopChildrenAndDropSchema() throws Exception {
		if (deliveries != null) {
			deliveries.release();
		}
		for (Process child : children) {
			child.destroyForcibly().waitFor();
		}
		try {
			Runtime.getRuntime().removeShutdownHook(reaper);
		}
		catch (IllegalArgumentException | IllegalStateException e) {
			// Never added (skipped), or the JVM is already exiting: nothing to undo.
		}
		if (reachable()) {
			try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("drop schema if exists " + SCHEMA + " cascade");
			}
		}
	}

	@Test
	void aProcessKilledMidBroadcastLosesNothingAfterARestartAndDuplicatesAtMostWhatWasInFlight() throws Exception {
		Node first = Node.start("node-1");
		List<String> people = IntStream.range(0, RECIPIENTS).mapToObj(i -> TERM + "-" + i + "@example.org").toList();
		assertThat(first.importSubscribers(people)).isEqualTo(200);

		// A third of the broadcast reaches the mail server; every message after that is held before its "250 OK".
		deliveries.holdAfter(RECIPIENTS / 3);
		publishAMeetingAbout(TERM);
		assertThat(first.pollNow()).isEqualTo(200);
		await().atMost(PATIENCE).until(() -> first.alive() && deliveries.waiting() > 0);

		first.process.destroyForcibly();
		first.process.waitFor();
		assertThat(first.process.exitValue()).as("killed by SIGKILL (128 + 9), not exited").isEqualTo(137);
		int heldAtKill = deliveries.waiting();
		Map<String, Long> atKill = statuses(people);
		long inFlight = atKill.getOrDefault("CLAIMED", 0L) + atKill.getOrDefault("SENDING", 0L);
		assertThat(atKill.getOrDefault("SENT", 0L)).as("recorded as sent before the kill").isLessThan(RECIPIENTS);
		assertThat(inFlight).as("claimed or being handed over at the kill").isGreaterThanOrEqualTo(heldAtKill);
		// What the mail server held was received whole: it keeps it, as a server whose answer was lost would.
		deliveries.release();

		Node second = Node.start("node-2");
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			assertThat(second.alive()).isTrue();
			assertThat(statuses(people)).as("the alert's messages by status").isEqualTo(Map.of("SENT", (long) RECIPIENTS));
			assertThat(deliveries.allStored(mail)).as("every message the mail server took is in a mailbox").isTrue();
		});

		List<MimeMessage> received = Stream.of(mail.getReceivedMessages()).toList();
		Map<String, List<MimeMessage>> byRecipient = received.stream().collect(Collectors.groupingBy(ProcessKillTests::to));
		assertThat(byRecipient.keySet()).as("everyone got the alert").containsAll(people);
		long duplicates = people.stream().mapToLong(person -> byRecipient.get(person).size() - 1).sum();
		System.out.printf("ProcessKillTests: %d recipients, %d held mid-hand-over and %d in flight at the kill "
				+ "(%s), %d duplicates after the restart%n", RECIPIENTS, heldAtKill, inFlight, atKill, duplicates);
		assertThat(duplicates).as("duplicates, at most the messages in flight at the kill").isLessThanOrEqualTo(inFlight);
		// The held messages reached the server but were never recorded as sent: they are the duplicates we expect.
		assertThat(duplicates).as("duplicates, at least the hand-overs cut by the kill").isGreaterThanOrEqualTo(heldAtKill);
		assertThat(people).allSatisfy(person -> assertThat(byRecipient.get(person))
			.extracting(ProcessKillTests::messageId).as("a duplicate is the same message").containsOnly(
					messageId(byRecipient.get(person).get(0))));
	}

	private static void publishAMeetingAbout(String term) {
		String date = LocalDate.now(ZoneId.of("America/New_York")).plusDays(3).toString();
		legistar.stubFor(get(urlPathEqualTo("/v1/keywest/events/" + EVENT + "/eventitems"))
			.willReturn(okJson(LegistarFixtures.array(LegistarFixtures.item(9701, EVENT, 1, "1",
					"Report on the " + term + " repairs at Mallory Square", "Res. 26-001")))));
		legistar.stubFor(get(urlPathEqualTo("/v1/keywest/events")).willReturn(okJson(LegistarFixtures.array(
				LegistarFixtures.event(EVENT, "City Commission", date, "5:00 PM", "City Hall, 1300 White Street",
						"Regular meeting")))));
	}

	/** The alert's outbox rows by status (read from the database, as neither process may be able to say). */
	private static Map<String, Long> statuses(List<String> people) throws SQLException {
		Set<String> hashes = new HashSet<>(Sealed.hashes(people));
		Map<String, Long> statuses = new HashMap<>();
		try (Connection connection = DriverManager.getConnection(URL + "?currentSchema=" + SCHEMA, "postgres", "");
				PreparedStatement select = connection
					.prepareStatement("select destination_hash, status from notification where kind <> 'confirm'");
				ResultSet rows = select.executeQuery()) {
			while (rows.next()) {
				if (hashes.contains(rows.getString(1))) {
					statuses.merge(rows.getString(2), 1L, Long::sum);
				}
			}
		}
		return statuses;
	}

	private static String to(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
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

	/** One Sunshine server process, started in target/process-kill/{schema}/, its output in {name}.log there. */
	record Node(Process process, int port) {

		static Node start(String name) throws IOException {
			int port = freePort();
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					// Quick to start (C1 only, one GC thread) on a loaded machine; sending a thousand emails needs no more.
					"-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.locale.providers=CLDR",
					"-cp", testClasspath(),
					SunshineApplication.class.getName()));
			command.addAll(List.of("--spring.profiles.active=test,postgres",
					"--spring.datasource.url=" + URL + "?currentSchema=" + SCHEMA, "--spring.datasource.username=postgres",
					"--spring.flyway.schemas=" + SCHEMA, "--spring.flyway.default-schema=" + SCHEMA,
					"--server.port=" + port, "--spring.quartz.auto-startup=true",
					"--sunshine.feeds-file=" + feeds.toAbsolutePath(),
					"--sunshine.outbox-dir=outbox",
					"--sunshine.admin.password=" + ADMIN.substring(ADMIN.indexOf(':') + 1),
					"--spring.mail.host=localhost", "--spring.mail.port=" + SMTP.getPort(),
					// The test profile leaves sweeps to the tests; these processes run them as in production.
					"--sunshine.notification.sweep-interval=2s", "--sunshine.notification.recovery-sweep=2s",
					// A short lease, so that the next process takes the dead one's messages back soon (it is over by
					// the time that process has started), and smaller batches, so that a loaded machine still sends
					// a whole batch well within it (past it, a sender leaves the rest to be taken back).
					"--sunshine.notification.claim-timeout=30s", "--sunshine.notification.batch-size=10",
					// No quiet hours: the alert leaves now, whatever the hour at which the build runs.
					"--sunshine.notification.quiet-from=00:00", "--sunshine.notification.quiet-to=00:00",
					"--sunshine.demo=false"));
			// A directory of its own: the project's ./config (the sample city) and ./data are not this server's.
			Path home = Files.createDirectories(LOGS.resolve(SCHEMA));
			Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
				.redirectOutput(home.resolve(name + ".log").toFile()).start();
			children.add(process);
			Node node = new Node(process, port);
			await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
				.until(() -> node.alive() && node.request("GET", "/actuator/health/liveness", null, null) == 200);
			return node;
		}

		/** This JVM's classpath (the build's test classpath), with absolute entries for a process started elsewhere. */
		private static String testClasspath() {
			return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
				.map(entry -> Path.of(entry).toAbsolutePath().toString())
				.collect(Collectors.joining(java.io.File.pathSeparator));
		}

		boolean alive() {
			if (!process.isAlive()) {
				throw new IllegalStateException("Sunshine exited with " + process.exitValue() + ", see " + LOGS.resolve(SCHEMA));
			}
			return true;
		}

		int importSubscribers(List<String> emails) {
			String csv = "email,phone,language,interests,consent_at,consent_source\n" + emails.stream()
				.map(email -> email + ",,en," + TERM + ",2024-03-01T09:30:00Z,export")
				.collect(Collectors.joining("\n", "", "\n"));
			return request("POST", "/api/admin/subscribers/import", "text/csv", csv);
		}

		int pollNow() {
			return request("POST", "/api/admin/feeds/key-west/poll", null, null);
		}

		private int request(String method, String path, String type, String body) {
			try {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
					.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(ADMIN.getBytes(StandardCharsets.UTF_8)))
					.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
							: HttpRequest.BodyPublishers.ofString(body));
				if (type != null) {
					request.header("Content-Type", type);
				}
				return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (IOException e) {
				return -1; // Not listening yet.
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}

		private static int freePort() {
			try (ServerSocket socket = new ServerSocket(0)) {
				return socket.getLocalPort();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

	}

	/**
	 * GreenMail's delivery of each received message, which runs before the server answers the DATA command:
	 * past a number of messages it waits (the sender is then mid-hand-over) until released, and then delivers.
	 */
	static final class HeldDeliveries implements MessageDeliveryHandler {

		private final MessageDeliveryHandler delivery;

		private final AtomicInteger arrived = new AtomicInteger();

		private final AtomicInteger waiting = new AtomicInteger();

		private final CountDownLatch released = new CountDownLatch(1);

		private volatile int holdAfter = Integer.MAX_VALUE;

		HeldDeliveries(MessageDeliveryHandler delivery) {
			this.delivery = delivery;
		}

		@Override
		public GreenMailUser handle(MovingMessage message, MailAddress address) throws MessagingException, UserException {
			if (arrived.incrementAndGet() > holdAfter && released.getCount() > 0) {
				waiting.incrementAndGet();
				try {
					released.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				finally {
					waiting.decrementAndGet();
				}
			}
			return delivery.handle(message, address);
		}

		void holdAfter(int messages) {
			holdAfter = messages;
		}

		int waiting() {
			return waiting.get();
		}

		void release() {
			released.countDown();
		}

		/** Every message that arrived is in a mailbox (a held one is stored just after its release). */
		boolean allStored(GreenMailExtension server) {
			return waiting.get() == 0 && server.getReceivedMessages().length == arrived.get();
		}

	}

}
