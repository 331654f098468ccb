package org.sunshine.notification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.sunshine.notification.channel.EmailSender;
import org.sunshine.notification.channel.OutgoingEmail;
import org.sunshine.notification.channel.OutgoingSms;
import org.sunshine.notification.channel.SendResult;
import org.sunshine.notification.channel.SmsSender;
import org.sunshine.subscription.Channel;
import org.sunshine.subscription.Recipient;
import org.sunshine.subscription.Subscriptions;

/**
 * This node's senders: several workers per channel, each claiming a batch of due messages (no two senders
 * of any node get the same ones), rendering each as it leaves and handing it to the channel, which paces
 * them at the provider's rate. They run when a transaction that filled the outbox commits, and every
 * {@code sweep-interval} for retries and for broadcasts that another node planned.
 */
@Component
class OutboxDispatcher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

	/** Published when messages were added to the outbox. */
	record OutboxFilled() {
	}

	private final Outbox outbox;

	private final OutboxRecorder recorder;

	private final MessageRenderer renderer;

	private final EmailSender email;

	private final SmsSender sms;

	private final NotificationProperties properties;

	private final Subscriptions subscriptions;

	private final Clock clock;

	private final DeliveryMetrics metrics;

	private final ObjectProvider<CampaignContent> campaignContent;

	private final Map<Channel, ExecutorService> workers = new EnumMap<>(Channel.class);

	private final ReentrantLock running = new ReentrantLock();

	// H2 has no SKIP LOCKED: this node's workers take turns to claim (claims are short; sending is parallel).
	private final ReentrantLock claiming = new ReentrantLock();

	private final AtomicBoolean woken = new AtomicBoolean();

	private final AtomicLong wakes = new AtomicLong();

	private final Map<Channel, AtomicInteger> active = new EnumMap<>(Channel.class);

	/** Broadcasts this node is planning now (see {@link #planning()}). */
	private final AtomicInteger planning = new AtomicInteger();

	private final Queue<Future<Integer>> round = new ConcurrentLinkedQueue<>();

	private final ExecutorService waker = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "sender-wake");
		thread.setDaemon(true);
		return thread;
	});

	OutboxDispatcher(Outbox outbox, OutboxRecorder recorder, MessageRenderer renderer, EmailSender email, SmsSender sms,
			NotificationProperties properties, Subscriptions subscriptions, Clock clock, DeliveryMetrics metrics,
			ObjectProvider<CampaignContent> campaignContent) {
		this.campaignContent = campaignContent;
		this.outbox = outbox;
		this.recorder = recorder;
		this.renderer = renderer;
		this.email = email;
		this.sms = sms;
		this.properties = properties;
		this.subscriptions = subscriptions;
		this.clock = clock;
		this.metrics = metrics;
		for (Channel channel : Channel.values()) {
			active.put(channel, new AtomicInteger());
			AtomicInteger number = new AtomicInteger();
			workers.put(channel, Executors.newFixedThreadPool(properties.workers(channel), task -> {
				Thread thread = new Thread(task, "sender-" + channel.name().toLowerCase() + "-" + number.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			}));
		}
	}

	/**
	 * Wakes this node's senders once the transaction that filled the outbox has committed. A plain listener
	 * with an after-commit callback rather than a {@code @TransactionalEventListener}: Spring Modulith keeps a
	 * durable event publication for each of those, which here stayed open until the senders had drained the
	 * outbox (a whole broadcast) and made every fill of the outbox a row in {@code event_publication}.
	 */
	@EventListener
	void onOutboxFilled(OutboxFilled event) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					wake();
				}
			});
		}
		else {
			wake();
		}
	}

	// The first sweep waits one interval too (2 s by default), so that a node starting up does not send before it
	// is ready, and a test that drives the senders by hand is not raced by a sweep fired as its context starts.
	@Scheduled(fixedDelayString = "${sunshine.notification.sweep-interval:2s}",
			initialDelayString = "${sunshine.notification.sweep-interval:2s}")
	void sweep() {
		// Not in the scheduler's thread: Spring has one for every @Scheduled task, and a broadcast takes long.
		wake();
	}

	/**
	 * Has the senders run soon, in their own thread. A wake during a round lets idle workers join it at once
	 * (a broadcast planned meanwhile gets every worker), and makes the senders go round once more after it.
	 */
	private void wake() {
		wakes.incrementAndGet();
		if (running.isLocked()) {
			Arrays.stream(Channel.values()).forEach(this::topUp);
		}
		if (!woken.getAndSet(true)) {
			waker.execute(this::runWhileWoken);
		}
	}

	private void runWhileWoken() {
		running.lock();
		try {
			while (woken.getAndSet(false)) {
				sendAll();
			}
		}
		finally {
			running.unlock();
		}
	}

	/** Sends every due message with all workers; returns how many a provider accepted. */
	int dispatchDue() {
		running.lock();
		try {
			woken.set(false); // This round answers any wake-up asked for until now.
			return sendAll();
		}
		finally {
			running.unlock();
		}
	}

	private int sendAll() {
		Arrays.stream(Channel.values()).forEach(this::topUp);
		int accepted = 0;
		for (Future<Integer> worker = round.poll(); worker != null; worker = round.poll()) {
			try {
				accepted += worker.get();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return accepted;
			}
			catch (ExecutionException e) {
				log.error("A sender stopped: {}", e.getCause().toString());
			}
		}
		return accepted;
	}

	/**
	 * This node begins planning a broadcast; closing the result ends it. Meanwhile only
	 * {@code email-workers-while-planning} email senders run: they start on the first thousand at once, and the rest
	 * of the broadcast is queued sooner than with every sender taking the cores beside the planner (in the
	 * benchmark 10,000 alerts were queued in 0.8-1.25 s with all eight beside it, 0.70-0.95 s with two, 0.50-0.73 s
	 * with one). Then every sender runs.
	 */
	Planning planning() {
		planning.incrementAndGet();
		return () -> {
			planning.decrementAndGet();
			wake();
		};
	}

	/** A broadcast being planned, until closed. */
	interface Planning extends AutoCloseable {

		@Override
		void close();

	}

	private int workers(Channel channel) {
		return planning.get() > 0 ? properties.workersWhilePlanning(channel) : properties.workers(channel);
	}

	/** Starts workers for the channel until it has as many as it may have now. */
	private void topUp(Channel channel) {
		AtomicInteger count = active.get(channel);
		for (int now = count.get(); now < workers(channel); now = count.get()) {
			if (count.compareAndSet(now, now + 1)) {
				round.add(workers.get(channel).submit(() -> {
					boolean stoppedAsSurplus = false;
					try {
						Worked worked = work(channel, count);
						stoppedAsSurplus = worked.stoppedAsSurplus();
						return worked.accepted();
					}
					finally {
						if (!stoppedAsSurplus) {
							count.decrementAndGet();
						}
					}
				}));
			}
		}
	}

	/** What one worker did: how many messages a provider accepted, and whether it left the count itself. */
	private record Worked(int accepted, boolean stoppedAsSurplus) {
	}

	/** A worker beyond the number the channel may have now stops between batches (and leaves the count). */
	private boolean stopAsSurplus(Channel channel, AtomicInteger count) {
		for (int now = count.get(); now > workers(channel); now = count.get()) {
			if (count.compareAndSet(now, now - 1)) {
				return true;
			}
		}
		return false;
	}

	/** One worker: claim a batch, send it, until nothing is due. */
	private Worked work(Channel channel, AtomicInteger count) {
		int accepted = 0;
		while (true) {
			if (stopAsSurplus(channel, count)) {
				return new Worked(accepted, true);
			}
			long seen = wakes.get();
			Instant claimedAt = clock.instant();
			Instant leaseUntil = claimedAt.plus(properties.claimTimeout());
			List<OutboxMessage> batch = claim(channel, claimedAt, leaseUntil);
			if (batch.isEmpty()) {
				if (wakes.get() == seen) {
					return new Worked(accepted, false);
				}
				continue; // Woken while claiming: what woke us may have committed just after the claim looked.
			}
			Map<Long, Recipient> recipients = subscriptions
				.recipients(batch.stream().map(OutboxMessage::subscriberId).filter(id -> id != null).distinct().toList())
				.stream().collect(Collectors.toMap(Recipient::subscriberId, Function.identity()));
			MessageRenderer.Batch shared = renderer.batch();
			shared.prepare(batch);
			Set<String> mayEmail = channel == Channel.EMAIL
					? subscriptions.mayEmail(batch.stream().map(OutboxMessage::destination).distinct().toList()) : Set.of();
			List<CompletableFuture<Void>> records = new ArrayList<>();
			for (OutboxMessage message : batch) {
				// A test send goes to the organizer's own address, asked for as a confirmation is; STOP still stops it.
				boolean asked = message.isConfirmation() || message.isCampaignTest();
				boolean consent = message.isForFollower() ? followerConsent(message)
						: channel == Channel.EMAIL
								? asked || message.isForAdmins() || mayEmail.contains(message.destination())
						: subscriptions.maySend(channel, message.destination(), asked);
				accepted += dispatch(message, consent, recipients.get(message.subscriberId()), shared, leaseUntil, records)
						? 1 : 0;
			}
			awaitRecorded(records);
		}
	}

	/** A batch is done when what was done with it is recorded (the recorder logs a failure to record). */
	private static void awaitRecorded(List<CompletableFuture<Void>> records) {
		try {
			CompletableFuture.allOf(records.toArray(CompletableFuture[]::new)).join();
		}
		catch (CompletionException | CancellationException e) {
			// Left under their claim: taken back when the lease runs out, and sent again with the same Message-ID.
		}
	}

	/** A follower's consent is given to one organization, and kept by the campaign module. */
	private boolean followerConsent(OutboxMessage message) {
		CampaignContent content = campaignContent.getIfAvailable();
		return content != null && content.mayReceive(message.followerId(), message.channel(), message.destination(),
				message.isConfirmation());
	}

	private List<OutboxMessage> claim(Channel channel, Instant now, Instant leaseUntil) {
		claiming.lock();
		try {
			List<OutboxMessage> claimed = outbox.claim(channel, properties.batchSize(), now, leaseUntil);
			log.debug("Claimed {} {} message(s)", claimed.size(), channel);
			return claimed;
		}
		finally {
			claiming.unlock();
		}
	}

	/**
	 * Consent is checked when the message leaves (per batch for email): an unsubscribe may have come since.
	 * An email's hand-over and outcome are recorded by the {@link OutboxRecorder} (added to {@code records});
	 * an SMS's hand-over is recorded before it begins, with its text.
	 */
	private boolean dispatch(OutboxMessage message, boolean consent, Recipient recipient, MessageRenderer.Batch shared,
			Instant leaseUntil, List<CompletableFuture<Void>> records) {
		Instant now = clock.instant();
		if (!consent) {
			outbox.failed(message, "not sent: recipient opted out or not confirmed");
			metrics.message(message.channel(), "skipped");
			return false;
		}
		OutboxMessage.Rendered rendered;
		try {
			rendered = render(message, recipient, shared, now).orElse(null);
		}
		catch (RuntimeException e) {
			// One message that cannot be rendered (a broken template, odd data) never stops the others.
			outbox.failed(message, "could not be rendered: " + e);
			log.warn("Notification {} ({} {}) could not be rendered: {}", message.id(), message.channel(), message.kind(),
					e.toString());
			metrics.message(message.channel(), "failed");
			return false;
		}
		if (rendered == null) {
			outbox.failed(message, "not sent: nothing left to say (subscriber deleted, or meeting gone or over)");
			metrics.message(message.channel(), "skipped");
			return false;
		}
		boolean email = message.channel() == Channel.EMAIL;
		if (email && clock.instant().isBefore(leaseUntil)) {
			records.add(recorder.handingOver(message, clock.instant()));
		}
		else if (email || !outbox.handingOver(message, now, rendered.text())) {
			return false; // The lease ran out and the message may have been taken back; another sender has it.
		}
		SendResult result;
		try {
			result = send(message, rendered);
		}
		catch (RuntimeException e) {
			result = new SendResult.RetryLater(e.getClass().getSimpleName() + ": " + e.getMessage(), null);
		}
		return record(message, rendered, result, shared, records);
	}

	private Optional<OutboxMessage.Rendered> render(OutboxMessage message, Recipient recipient,
			MessageRenderer.Batch shared, Instant now) {
		if (message.rendered() != null) {
			return Optional.of(message.rendered());
		}
		if (message.isCampaignMessage()) {
			return renderer.renderForFollower(message, shared, now);
		}
		return recipient == null ? Optional.empty() : renderer.render(message, recipient, shared, now);
	}

	private SendResult send(OutboxMessage message, OutboxMessage.Rendered rendered) {
		if (message.channel() == Channel.EMAIL) {
			List<OutgoingEmail.Attachment> attachments = rendered.ics() == null ? List.of()
					: List.of(new OutgoingEmail.Attachment("meeting.ics",
							"text/calendar; charset=UTF-8; method=" + rendered.icsMethod(),
							rendered.ics().getBytes(StandardCharsets.UTF_8)));
			return email.send(new OutgoingEmail(message.idempotencyKey(), message.destination(), rendered.subject(),
					rendered.text(), rendered.html(), rendered.headers(), attachments));
		}
		return sms.send(new OutgoingSms(message.idempotencyKey(), message.destination(), rendered.text()));
	}

	private boolean record(OutboxMessage message, OutboxMessage.Rendered rendered, SendResult result,
			MessageRenderer.Batch shared, List<CompletableFuture<Void>> records) {
		Instant now = clock.instant();
		int attempts = message.attempts() + 1;
		boolean email = message.channel() == Channel.EMAIL;
		if (result instanceof SendResult.Accepted accepted) {
			if (email) {
				records.add(recorder.sent(message, accepted.providerId(), rendered, now));
			}
			else {
				outbox.sent(message, accepted.providerId(), rendered, now);
			}
			log.debug("Notification {} ({} {}) sent", message.id(), message.channel(), message.kind());
			metrics.message(message.channel(), "sent");
			if (message.revisionId() != null) {
				shared.detectedAt(message.revisionId())
					.ifPresent(seen -> metrics.changeToProvider(message.channel(), Duration.between(seen, now)));
			}
			return true;
		}
		if (result instanceof SendResult.Rejected rejected) {
			failed(message, "rejected " + rejected.code() + ": " + rejected.reason(), records);
			log.warn("Notification {} ({}) rejected by provider: {}", message.id(), message.channel(), rejected.code());
			metrics.message(message.channel(), "rejected");
			if (rejected.optedOut()) {
				subscriptions.numberOptedOut(message.destination());
				outbox.cancelPending(message.channel(), message.destination(), "recipient opted out (21610)");
			}
			return false;
		}
		SendResult.RetryLater retry = (SendResult.RetryLater) result;
		if (attempts >= properties.maxAttempts()) {
			failed(message, "gave up after " + attempts + " attempts: " + retry.reason(), records);
			log.warn("Notification {} ({}) failed after {} attempts", message.id(), message.channel(), attempts);
			metrics.message(message.channel(), "failed");
		}
		else {
			Duration delay = backoff(attempts, retry.after());
			if (email) {
				records.add(recorder.retry(message, retry.reason(), now.plus(delay)));
			}
			else {
				outbox.retry(message, retry.reason(), now.plus(delay));
			}
			log.info("Notification {} ({}) will be retried in {}", message.id(), message.channel(), delay);
			metrics.message(message.channel(), "retry");
		}
		return false;
	}

	private void failed(OutboxMessage message, String reason, List<CompletableFuture<Void>> records) {
		if (message.channel() == Channel.EMAIL) {
			records.add(recorder.failed(message, reason));
		}
		else {
			outbox.failed(message, reason);
		}
	}

	/**
	 * Exponential backoff from the configured first delay, capped, less up to a fifth at random so that
	 * messages failed together do not all come back together; a provider's Retry-After wins when longer.
	 */
	Duration backoff(int attempts, Duration providerHint) {
		Duration delay = properties.retryDelay().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
		delay = delay.compareTo(properties.maxRetryDelay()) > 0 ? properties.maxRetryDelay() : delay;
		delay = delay.minusMillis((long) (delay.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble()));
		return providerHint != null && providerHint.compareTo(delay) > 0 ? providerHint : delay;
	}

	/**
	 * Takes back what senders that died or hung had claimed, and settles interrupted SMS with the provider's
	 * own records: one it has is marked sent, one it does not have is sent again. Runs cluster-wide once at a
	 * time (a Quartz job); returns how many messages were taken back or settled.
	 */
	int recover() {
		Instant now = clock.instant();
		int settled = outbox.recoverExpiredLeases(now);
		for (OutboxMessage message : outbox.uncertain(properties.batchSize())) {
			if (message.rendered() == null || outbox.uncertainChecks(message.id()) >= properties.uncertainChecks()) {
				continue;
			}
			Instant handover = outbox.handoverAt(message.id());
			Optional<Boolean> accepted = sms.wasAccepted(
					new OutgoingSms(message.idempotencyKey(), message.destination(), message.rendered().text()),
					handover.minus(Duration.ofMinutes(1)), now);
			if (accepted.isEmpty()) {
				outbox.stillUncertain(message.id());
				continue;
			}
			if (accepted.get()) {
				outbox.settledDelivered(message.id(), now);
			}
			else {
				outbox.settledAbsent(message.id(), now);
			}
			settled++;
		}
		if (settled > 0) {
			log.info("Outbox: {} interrupted message(s) taken back or settled", settled);
			// On the senders' own thread: the cluster-wide recovery job must not wait for a broadcast to be sent.
			wake();
		}
		return settled;
	}

	@Override
	public void destroy() {
		waker.shutdownNow();
		workers.values().forEach(ExecutorService::shutdownNow);
	}

}
