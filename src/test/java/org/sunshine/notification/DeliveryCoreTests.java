package org.sunshine.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.sunshine.Mails;
import org.sunshine.MutableClock;
import org.sunshine.Planning;
import org.sunshine.Sealed;
import org.sunshine.TestClockConfiguration;
import org.sunshine.matching.InterestMatcher;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;
import org.sunshine.notification.channel.EmailSender;
import org.sunshine.notification.channel.OutgoingEmail;
import org.sunshine.notification.channel.SendResult;
import org.sunshine.subscription.NewSubscription;
import org.sunshine.subscription.Subscriptions;

/**
 * The delivery core's promises: a poll stores only what changed and planning after it can fail without
 * touching the poll; a broadcast is planned as a few batched statements sharing one stored plan and sent
 * by several workers, every message exactly once; one message that cannot be rendered stops no other.
 */
@SpringBootTest(properties = { "sunshine.feeds-file=target/no-feeds.yml", "sunshine.outbox-dir=target/test-outbox/core",
		"spring.mail.host=localhost", "sunshine.notification.email-workers=4",
		"sunshine.notification.recipients-per-commit=2" })
@ActiveProfiles("test")
@Import({ TestClockConfiguration.class, DeliveryCoreTests.SendingThreads.class })
class DeliveryCoreTests {

	// A port of its own, the same after a restart of the server (one test takes the server down for a while).
	static final ServerSetup SMTP = new ServerSetup(freePort(), null, ServerSetup.PROTOCOL_SMTP);

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(SMTP).withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
	}

	static final ZoneId KEY_WEST = ZoneId.of("America/New_York");

	static final AtomicInteger counter = new AtomicInteger();

	@Autowired
	Meetings meetings;

	@Autowired
	OutboxDispatcher dispatcher;

	@Autowired
	IncompleteEventPublications incomplete;

	@MockitoSpyBean
	InterestMatcher matcher;

	@MockitoSpyBean
	AlertComposer composer;

	@MockitoSpyBean
	ReminderRows reminderRows;

	@MockitoSpyBean
	AlertSender alertSender;

	/** Records which threads hand emails to the transport (a wrapper, so the real sender still sends). */
	@TestConfiguration(proxyBeanMethods = false)
	static class SendingThreads {

		static final Set<String> names = ConcurrentHashMap.newKeySet();

		/** Emails being handed over now, and the most at once since {@code mostAtOnce} was last reset. */
		static final AtomicInteger handingOver = new AtomicInteger();

		static final AtomicInteger mostAtOnce = new AtomicInteger();

		@Bean
		static BeanPostProcessor recordSendingThreads() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (!(bean instanceof EmailSender sender)) {
						return bean;
					}
					return new EmailSender() {
						@Override
						public String describe() {
							return sender.describe();
						}

						@Override
						public SendResult send(OutgoingEmail email) {
							names.add(Thread.currentThread().getName());
							mostAtOnce.accumulateAndGet(handingOver.incrementAndGet(), Math::max);
							try {
								return sender.send(email);
							}
							finally {
								handingOver.decrementAndGet();
							}
						}
					};
				}
			};
		}

	}

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OutboxAdmin outboxAdmin;

	@Autowired
	JdbcTemplate batch;

	@Test
	void aFailureWhilePlanningNeverFailsThePollAndIsRetried() {
		String term = "seagrass" + counter.incrementAndGet();
		List<String> people = subscribers(3, term);
		doThrow(new IllegalStateException("matching is down")).when(matcher).match(any(MeetingRevision.class));

		Meetings.Outcome outcome = meetings.reconcile("core", List.of(meeting("fail-" + term, term)));

		assertThat(outcome.failures()).isZero();
		assertThat(outcome.meetingsChanged()).isOne();
		assertThat(jdbc.sql("select count(*) from meeting where source_id = ?").param("fail-" + term).query(Integer.class)
			.single()).as("the poll stored the meeting").isOne();
		org.awaitility.Awaitility.await().until(() -> jdbc.sql(
				"select count(*) from event_publication where completion_date is null and completion_attempts > 0")
			.query(Integer.class).single() > 0);
		assertThat(queuedFor(people)).as("nothing planned while matching fails").isZero();

		doCallRealMethod().when(matcher).match(any(MeetingRevision.class));
		incomplete.resubmitIncompletePublications(publication -> true);
		Planning.awaitPlanned(jdbc);

		assertThat(queuedFor(people)).isEqualTo(3);
	}

	/**
	 * Recipients are planned two at a time here (recipients-per-commit): while the planner is held writing the third
	 * batch's alerts, the first two batches' alerts have been committed, and the senders have sent them.
	 */
	@Test
	void aBroadcastStartsLeavingWhileItsLaterRecipientsAreStillBeingPlanned() throws Exception {
		String term = "eelgrass" + counter.incrementAndGet();
		List<String> people = subscribers(5, term);
		AtomicInteger batches = new AtomicInteger();
		CountDownLatch thirdBatchMayBeWritten = new CountDownLatch(1);
		// Stubbed once, before anything runs: a spy stubbed while other threads call it is not safe.
		doAnswer(invocation -> {
			List<OutboxMessage> messages = invocation.getArgument(0);
			boolean ours = messages.stream().anyMatch(message -> people.contains(message.destination()));
			if (ours && batches.incrementAndGet() == 3) {
				thirdBatchMayBeWritten.await();
			}
			return invocation.callRealMethod();
		}).when(alertSender).queue(any(), any());
		try {
			meetings.reconcile("core", List.of(meeting("early-" + term, term)));

			await().atMost(Duration.ofMinutes(1)).until(() -> alertsTo(people).size() >= 4);
			assertThat(batches).as("the planner is at the third batch").hasValue(3);
			assertThat(alertsTo(people)).containsExactlyInAnyOrderElementsOf(people.subList(0, 4));
		}
		finally {
			thirdBatchMayBeWritten.countDown();
		}
		Planning.awaitPlanned(jdbc);
		await().atMost(Duration.ofMinutes(1)).until(() -> alertsTo(people).size() == 5);
		assertThat(alertsTo(people)).containsExactlyInAnyOrderElementsOf(people);
	}

	/**
	 * While a broadcast is being planned on this node, one of its four email senders runs (email-workers-while-planning),
	 * so that the planner keeps most of the cores and the whole broadcast is queued sooner.
	 */
	@Test
	void whileABroadcastIsBeingPlannedOnlyAFewSendersRun() {
		String term = "mangrove" + counter.incrementAndGet();
		List<String> people = subscribers(400, term);
		try (OutboxDispatcher.Planning held = dispatcher.planning()) {
			SendingThreads.mostAtOnce.set(0);

			meetings.reconcile("core", List.of(meeting("planned-first-" + term, term)));

			await().atMost(Duration.ofMinutes(1)).until(() -> alertsTo(people).size() == 400);
			assertThat(SendingThreads.mostAtOnce).as("emails handed over at once").hasValue(1);
		}
	}

	/**
	 * Planning that fails after some alerts were committed (and sent) is retried; the retry plans the rest and,
	 * through the messages' idempotency keys, sends nobody a second copy.
	 */
	@Test
	void planningThatFailsAfterItsFirstAlertsLeftIsRetriedAndSendsNoneTwice() throws Exception {
		String term = "turtlegrass" + counter.incrementAndGet();
		List<String> people = subscribers(3, term);
		AtomicBoolean remindersDown = new AtomicBoolean(true);
		doAnswer(invocation -> {
			if (remindersDown.get()) {
				throw new IllegalStateException("reminders are down");
			}
			return invocation.callRealMethod();
		}).when(reminderRows).insert(any());

		meetings.reconcile("core", List.of(meeting("retried-" + term, term)));

		await().atMost(Duration.ofMinutes(1)).until(() -> alertsTo(people).size() == 3 && jdbc.sql(
				"select count(*) from event_publication where completion_date is null and completion_attempts > 0")
			.query(Integer.class).single() > 0);
		remindersDown.set(false);
		incomplete.resubmitIncompletePublications(publication -> true);
		Planning.awaitPlanned(jdbc);
		dispatcher.dispatchDue();

		assertThat(queuedFor(people)).isEqualTo(3);
		assertThat(alertsTo(people)).containsExactlyInAnyOrderElementsOf(people);
	}

	/** Whom the alerts received so far went to, among these people (once per alert received). */
	private List<String> alertsTo(List<String> people) {
		return Stream.of(mail.getReceivedMessages()).filter(this::isAlert).map(DeliveryCoreTests::to)
			.filter(people::contains).toList();
	}

	@Test
	void aBroadcastIsPlannedWithOneSharedPlanAndSentOnceToEachByParallelSenders() throws Exception {
		String term = "stormwater" + counter.incrementAndGet();
		List<String> people = subscribers(300, term);
		SendingThreads.names.clear();
		long plansBefore = jdbc.sql("select count(*) from message_plan").query(Long.class).single();

		meetings.reconcile("core", List.of(meeting("broadcast-" + term, term)));
		Planning.awaitPlanned(jdbc);

		assertThat(queuedFor(people)).isEqualTo(300);
		assertThat(jdbc.sql("select count(*) from message_plan").query(Long.class).single())
			.as("300 people hit for the same reason share one stored plan").isEqualTo(plansBefore + 1);
		assertThat(jdbc.sql("select count(*) from notification where body_text is not null and status = 'PENDING'"
				+ " and kind <> 'confirm'").query(Integer.class).single())
			.as("nothing is rendered before it leaves").isZero();

		dispatcher.dispatchDue();

		MimeMessage[] received = mail.getReceivedMessages();
		List<String> recipients = Stream.of(received).filter(this::isAlert).map(DeliveryCoreTests::to)
			.filter(people::contains).toList();
		assertThat(recipients).hasSize(300).doesNotHaveDuplicates();
		assertThat(SendingThreads.names).as("several workers shared the broadcast").hasSizeGreaterThan(1);
	}

	/**
	 * A broadcast is rendered once per language and zone and each message gets its own link token: the links
	 * in each email open that reader's own subscription, in their language and local time.
	 */
	@Test
	void eachMessageOfABroadcastCarriesItsReadersOwnLinksLanguageAndTime() throws Exception {
		String term = "breakwater" + counter.incrementAndGet();
		List<String> people = subscribers(12, term);
		for (int i = 0; i < people.size(); i += 3) {
			batch.update("update subscriber set language = 'es' where id = (select subscriber_id from contact_point where address_hash = ?)",
					Sealed.hash(people.get(i)));
			batch.update("update subscriber set timezone = 'America/Chicago' where id = (select subscriber_id from contact_point where address_hash = ?)",
					Sealed.hash(people.get(i + 1)));
		}

		meetings.reconcile("core", List.of(meeting("links-" + term, term)));
		Planning.awaitPlanned(jdbc);
		dispatcher.dispatchDue();

		Set<String> tokens = new java.util.HashSet<>();
		for (MimeMessage message : mail.getReceivedMessages()) {
			String to = to(message);
			if (!people.contains(to) || !isAlert(message)) {
				continue;
			}
			String body = org.sunshine.Mails.html(message) + message.getSubject();
			String text = org.sunshine.Mails.plainText(message);
			java.util.regex.Matcher link = java.util.regex.Pattern.compile("/s/([A-Za-z0-9_-]{40,})/unsubscribe").matcher(text);
			assertThat(link.find()).as(text).isTrue();
			String token = link.group(1);
			assertThat(tokens.add(token)).as("a token of its own").isTrue();
			long holder = jdbc.sql("select subscriber_id from access_token where token_hash = ?")
				.param(sha256(token)).query(Long.class).single();
			long reader = jdbc.sql("select subscriber_id from contact_point where address_hash = ?").param(Sealed.hash(to)).query(Long.class)
				.single();
			assertThat(holder).as("the link opens the reader's own subscription").isEqualTo(reader);
			assertThat(message.getHeader("List-Unsubscribe")[0]).contains(token);
			int index = people.indexOf(to);
			if (index % 3 == 0) {
				assertThat(message.getSubject()).as("Spanish reader").containsIgnoringCase("reuni");
			}
			if (index % 3 != 0) { // English readers, in New York or Chicago time
				assertThat(text).as("local time of each reader").contains(index % 3 == 1 ? "CDT" : "EDT");
			}
			assertThat(body).doesNotContainPattern("Tk[0-9a-f]{32}Tk");
		}
		assertThat(tokens).hasSize(12);
		// What the outbox keeps of a sent message holds no token: reading the database gives no one a key.
		for (String token : tokens) {
			assertThat(jdbc.sql("""
					select count(*) from notification
					where body_text like :t or body_html like :t or headers like :t or subject like :t""")
				.param("t", "%" + token + "%").query(Integer.class).single()).isZero();
		}
		assertThat(jdbc.sql("select body_text from notification where destination_hash = ? and kind <> 'confirm'")
			.param(Sealed.hash(people.get(0))).query(String.class).single()).contains("/s/[token]/unsubscribe");
	}

	@Test
	void aConfirmationWaitingToLeaveHoldsItsLinkSealedAndTheMailCarriesItWhole() throws Exception {
		String email = "waiting-" + counter.incrementAndGet() + "@example.org";
		// The mail server is down, so the confirmation waits in the outbox however soon the senders wake.
		mail.stop();
		List<String> stored;
		try {
			subscriptions.subscribe(new NewSubscription(email, null, "en", List.of("stormwater"), List.of(), null, null,
					null, null, null, "test"), "127.0.0.1");
			dispatcher.dispatchDue();
			stored = jdbc.sql("""
					select coalesce(body_text, '') || coalesce(body_html, '') || coalesce(headers, '') from notification
					where destination_hash = ? and kind = 'confirm' and status = 'PENDING'""")
				.param(Sealed.hash(email)).query(String.class).list();
		}
		finally {
			mail.start();
		}
		assertThat(stored).hasSize(1);
		assertThat(stored.get(0)).startsWith("enc:").doesNotContainPattern("/s/[A-Za-z0-9_-]{20,}").doesNotContain("confirm");

		clock.advance(java.time.Duration.ofMinutes(1));
		dispatcher.dispatchDue();

		MimeMessage confirmation = Stream.of(mail.getReceivedMessages()).filter(message -> to(message).equals(email))
			.findFirst().orElseThrow();
		assertThat(Mails.plainText(confirmation)).containsPattern("/s/[A-Za-z0-9_-]{20,}/confirm");
	}

	private static String sha256(String token) throws Exception {
		return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
			.digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
	}

	/**
	 * Two planners that need the same new plan at once (two meetings of one followed body) both get it: the
	 * first stores it in a transaction of its own, so the second finds it instead of failing on the unique hash.
	 */
	@Test
	void twoPlannersNeedingTheSameNewPlanAtOnceBothGetIt() throws Exception {
		MessagePlan plan = MessagePlan.reminder(java.time.Duration.ofMinutes(counter.incrementAndGet() + 10_000));
		var first = new org.springframework.transaction.support.TransactionTemplate(transactions);
		long[] ids = new long[2];
		first.executeWithoutResult(status -> {
			ids[0] = plans.idOf(plan, clock.instant());
			// While the first planner's transaction is still open, a second one plans in its own.
			var second = java.util.concurrent.CompletableFuture.supplyAsync(
					() -> new org.springframework.transaction.support.TransactionTemplate(transactions)
						.execute(inner -> plans.idOf(plan, clock.instant())));
			ids[1] = second.join();
		});
		assertThat(ids[1]).isEqualTo(ids[0]);
	}

	@Autowired
	MessagePlans plans;

	@Autowired
	Outbox outbox;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	NotificationProperties notificationProperties;

	/** After the retention period the words of a sent message are gone; who got it, how and when stay. */
	@Test
	void whatASentMessageSaidIsDeletedAfterTheRetentionPeriodAndTheFactsStay() {
		String term = "dredging" + counter.incrementAndGet();
		List<String> people = subscribers(2, term);
		meetings.reconcile("core", List.of(meeting("old-" + term, term)));
		Planning.awaitPlanned(jdbc);
		dispatcher.dispatchDue();
		String old = people.get(0);
		assertThat(words(old)).isNotNull();

		clock.advance(notificationProperties.bodyRetention().plusDays(1));
		String recentTerm = "jetty" + counter.incrementAndGet();
		List<String> recent = subscribers(1, recentTerm);
		meetings.reconcile("core", List.of(meeting("new-" + recentTerm, recentTerm)));
		Planning.awaitPlanned(jdbc);
		dispatcher.dispatchDue();

		assertThat(outbox.forgetBodies(clock.instant().minus(notificationProperties.bodyRetention()))).isPositive();

		assertThat(words(old)).as("subject, text, calendar of the old message").isNull();
		assertThat(jdbc.sql("select status, channel, sent_at is not null, provider_id is not null from notification"
				+ " where destination_hash = ? and kind <> 'confirm'").param(Sealed.hash(old)).query().singleRow().values())
			.as("the facts of the delivery").containsExactly("SENT", "EMAIL", true, true);
		assertThat(words(recent.get(0))).as("a message sent within the period keeps its words").isNotNull();
	}

	private String words(String destination) {
		return jdbc.sql("select coalesce(subject, '') || coalesce(body_text, '') || coalesce(ics, '') from notification"
				+ " where destination_hash = ? and kind <> 'confirm'").param(Sealed.hash(destination))
			.query(String.class).optional().filter(words -> !words.isEmpty()).orElse(null);
	}

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactions;

	@Test
	void oneMessageThatCannotBeRenderedStopsNoOther() {
		String term = "mangrove" + counter.incrementAndGet();
		List<String> people = subscribers(5, term);
		// The unlucky one reads Creole, claimed in the middle of the batch; the Creole template chokes.
		batch.update("update subscriber set language = 'ht' where id = (select subscriber_id from contact_point where address_hash = ?)",
				Sealed.hash(people.get(2)));
		doAnswer(call -> {
			if (call.<org.sunshine.subscription.Recipient>getArgument(2).language().equals("ht")) {
				throw new IllegalStateException("template error");
			}
			return call.callRealMethod();
		}).when(composer).email(any(), any(), any(), any(), any());

		meetings.reconcile("core", List.of(meeting("render-" + term, term)));
		Planning.awaitPlanned(jdbc);
		dispatcher.dispatchDue();

		assertThat(status(people.get(2))).isEqualTo("FAILED");
		assertThat(List.of(people.get(0), people.get(1), people.get(3), people.get(4)))
			.allSatisfy(person -> assertThat(status(person)).isEqualTo("SENT"));
		assertThat(outboxAdmin.summary().failed()).as("admins see what failed and why")
			.anySatisfy(failed -> assertThat(failed.reason()).contains("could not be rendered"));
	}

	@Test
	void aMailServerThatIsDownLosesNothingDoublesNothingAndGetsEverythingWithinAMinuteOfItsReturn() {
		String term = "bandstand" + counter.incrementAndGet();
		List<String> people = subscribers(20, term);
		mail.stop();
		try {
			meetings.reconcile("core", List.of(meeting("outage-" + term, term)));
			Planning.awaitPlanned(jdbc);
			dispatcher.dispatchDue();
			clock.advance(java.time.Duration.ofSeconds(30));
			dispatcher.dispatchDue();
			assertThat(people).allSatisfy(person -> assertThat(status(person)).isEqualTo("PENDING"));
		}
		finally {
			mail.start();
		}
		clock.advance(java.time.Duration.ofMinutes(1));
		dispatcher.dispatchDue();

		assertThat(people).allSatisfy(person -> assertThat(status(person)).isEqualTo("SENT"));
		List<String> received = Stream.of(mail.getReceivedMessages()).map(DeliveryCoreTests::to)
			.filter(people::contains).toList();
		assertThat(received).hasSize(20).doesNotHaveDuplicates();
	}

	@Test
	void aMeetingWhoseTextFillsEveryColumnIsStillAnnouncedAndRecordedOnce() {
		String term = "pier" + counter.incrementAndGet();
		List<String> people = subscribers(1, term);
		String longWords = "Harbor walk and " + term + " lighting improvements ".repeat(400);
		MeetingSnapshot meeting = new MeetingSnapshot("core", "long-" + term, "City of Key West", longWords, longWords,
				clock.instant().plus(java.time.Duration.ofDays(3)), KEY_WEST, "City Hall", MeetingStatus.SCHEDULED, null,
				null, null, List.of(new AgendaItemSnapshot("i1", "1", longWords, longWords, null, List.of())));

		meetings.reconcile("core", List.of(meeting));
		Planning.awaitPlanned(jdbc);
		dispatcher.dispatchDue();

		assertThat(status(people.get(0))).isEqualTo("SENT");
		assertThat(jdbc.sql("select length(subject) from notification where destination_hash = ? and kind <> 'confirm'")
			.param(Sealed.hash(people.get(0))).query(Integer.class).single()).isLessThanOrEqualTo(1_000);
	}

	// --- helpers ---

	/** Confirmed email subscribers following {@code term}, written directly as an import would. */
	private List<String> subscribers(int count, String term) {
		List<String> emails = new ArrayList<>();
		List<Object[]> rows = new ArrayList<>();
		Instant now = clock.instant();
		for (int i = 0; i < count; i++) {
			emails.add(term + "-" + i + "@example.org");
		}
		for (String email : emails) {
			String publicId = UUID.randomUUID().toString();
			batch.update("insert into subscriber (public_id, language, timezone, delivery, reminders, created_at) values (?, 'en', 'America/New_York', 'IMMEDIATE', '', ?)",
					publicId, now.atOffset(ZoneOffset.UTC));
			long id = jdbc.sql("select id from subscriber where public_id = ?").param(publicId).query(Long.class).single();
			rows.add(new Object[] { id, Sealed.seal(email), Sealed.hash(email) });
		}
		batch.batchUpdate("insert into contact_point (subscriber_id, channel, address, address_hash, consent, consent_at, consent_method, created_at) "
				+ "values (?, 'EMAIL', ?, ?, 'CONFIRMED', current_timestamp, 'import', current_timestamp)", rows);
		batch.batchUpdate("insert into interest (subscriber_id, terms, created_at, updated_at) values (?, ?, current_timestamp, current_timestamp)",
				rows.stream().map(row -> new Object[] { row[0], term }).toList());
		// Written past the subscription module: tell the journal of interest changes as it would.
		batch.batchUpdate("insert into interest_change (subscriber_id, changed_at) values (?, current_timestamp)",
				rows.stream().map(row -> new Object[] { row[0] }).toList());
		return emails;
	}

	private MeetingSnapshot meeting(String id, String term) {
		Instant start = clock.instant().plus(java.time.Duration.ofDays(2));
		return new MeetingSnapshot("core", id, "City of Key West", "City Commission", "City Commission", start, KEY_WEST,
				"City Hall", MeetingStatus.SCHEDULED, null, null, null,
				List.of(new AgendaItemSnapshot("i1", "1", "Report on " + term + " improvements", null, null, List.of())));
	}

	private int queuedFor(List<String> people) {
		return jdbc.sql("select count(*) from notification where kind <> 'confirm' and destination_hash in (:people)")
			.param("people", Sealed.hashes(people)).query(Integer.class).single();
	}

	private static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private String status(String destination) {
		return jdbc.sql("select status from notification where destination_hash = ? and kind <> 'confirm'").param(Sealed.hash(destination))
			.query(String.class).single();
	}

	private boolean isAlert(MimeMessage message) {
		try {
			return message.getSubject() != null && !message.getSubject().toLowerCase().contains("confirm");
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String to(MimeMessage message) {
		try {
			return message.getRecipients(Message.RecipientType.TO)[0].toString();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

}
