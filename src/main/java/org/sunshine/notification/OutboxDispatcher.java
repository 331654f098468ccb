package org.sunshine.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.sunshine.notification.channel.EmailSender;
import org.sunshine.notification.channel.OutgoingEmail;
import org.sunshine.notification.channel.OutgoingSms;
import org.sunshine.notification.channel.SendResult;
import org.sunshine.notification.channel.SmsSender;
import org.sunshine.subscription.Channel;
import org.sunshine.subscription.Subscriptions;

/**
 * Hands outbox messages to their channel. Runs right after a transaction that filled the outbox commits
 * (so an alert leaves seconds after the poll that found its change), and on a sweep for retries.
 */
@Component
class OutboxDispatcher {

	private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

	private static final int BATCH = 100;

	/** Published when messages were added to the outbox. */
	record OutboxFilled() {
	}

	private final Outbox outbox;

	private final EmailSender email;

	private final SmsSender sms;

	private final NotificationProperties properties;

	private final Subscriptions subscriptions;

	private final Clock clock;

	private final ReentrantLock running = new ReentrantLock();

	OutboxDispatcher(Outbox outbox, EmailSender email, SmsSender sms, NotificationProperties properties,
			Subscriptions subscriptions, Clock clock) {
		this.outbox = outbox;
		this.email = email;
		this.sms = sms;
		this.properties = properties;
		this.subscriptions = subscriptions;
		this.clock = clock;
	}

	@Async
	@TransactionalEventListener(fallbackExecution = true)
	void onOutboxFilled(OutboxFilled event) {
		dispatchDue();
	}

	@Scheduled(fixedDelayString = "${sunshine.notification.sweep-interval:15s}")
	void sweep() {
		dispatchDue();
	}

	/** Sends every due message; returns how many were handed to a provider and accepted. */
	int dispatchDue() {
		running.lock();
		try {
			int accepted = 0;
			outbox.markInterrupted(clock.instant());
			List<Long> due;
			do {
				due = outbox.due(clock.instant(), BATCH);
				for (long id : due) {
					accepted += dispatch(id) ? 1 : 0;
				}
			}
			while (due.size() == BATCH);
			return accepted;
		}
		finally {
			running.unlock();
		}
	}

	private boolean dispatch(long id) {
		Instant now = clock.instant();
		if (!outbox.claim(id, now, now.plus(properties.claimTimeout()))) {
			return false;
		}
		OutboxMessage message = outbox.get(id);
		// Consent is checked at the last moment: a STOP or an unsubscribe may have come since queueing.
		if (!subscriptions.maySend(message.channel(), message.destination(), "confirm".equals(message.kind()))) {
			outbox.failed(message.id(), "not sent: recipient opted out or not confirmed");
			return false;
		}
		SendResult result;
		try {
			result = send(message);
		}
		catch (RuntimeException e) {
			result = new SendResult.RetryLater(e.getClass().getSimpleName() + ": " + e.getMessage(), null);
		}
		return record(message, result);
	}

	private SendResult send(OutboxMessage message) {
		if (message.channel() == Channel.EMAIL) {
			List<OutgoingEmail.Attachment> attachments = message.ics() == null ? List.of()
					: List.of(new OutgoingEmail.Attachment("meeting.ics",
							"text/calendar; charset=UTF-8; method=" + message.icsMethod(),
							message.ics().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
			return email.send(new OutgoingEmail(message.idempotencyKey(), message.destination(), message.subject(),
					message.text(), message.html(), message.headers(), attachments));
		}
		return sms.send(new OutgoingSms(message.idempotencyKey(), message.destination(), message.text()));
	}

	private boolean record(OutboxMessage message, SendResult result) {
		Instant now = clock.instant();
		if (result instanceof SendResult.Accepted accepted) {
			outbox.sent(message.id(), accepted.providerId(), now);
			log.info("Notification {} ({} {}) sent", message.id(), message.channel(), message.kind());
			return true;
		}
		if (result instanceof SendResult.Rejected rejected) {
			outbox.failed(message.id(), "rejected " + rejected.code() + ": " + rejected.reason());
			log.warn("Notification {} ({}) rejected by provider: {}", message.id(), message.channel(), rejected.code());
			if (rejected.optedOut()) {
				subscriptions.numberOptedOut(message.destination());
				outbox.cancelPending(message.channel(), message.destination(), "recipient opted out (21610)");
			}
			return false;
		}
		SendResult.RetryLater retry = (SendResult.RetryLater) result;
		if (message.attempts() >= properties.maxAttempts()) {
			outbox.failed(message.id(), "gave up after " + message.attempts() + " attempts: " + retry.reason());
			log.warn("Notification {} ({}) failed after {} attempts", message.id(), message.channel(), message.attempts());
		}
		else {
			Duration delay = backoff(message.attempts(), retry.after());
			outbox.retry(message.id(), retry.reason(), now.plus(delay));
			log.info("Notification {} ({}) will be retried in {}", message.id(), message.channel(), delay);
		}
		return false;
	}

	/** Exponential backoff from the configured first delay, capped; a provider's Retry-After wins when longer. */
	Duration backoff(int attempts, Duration providerHint) {
		Duration delay = properties.retryDelay().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
		delay = delay.compareTo(properties.maxRetryDelay()) > 0 ? properties.maxRetryDelay() : delay;
		return providerHint != null && providerHint.compareTo(delay) > 0 ? providerHint : delay;
	}

}
