package org.sunshine.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes what the email senders did (hand-over begun, then accepted, to be retried or failed) in group
 * commits: whatever all senders reported while the previous write ran, and in the few milliseconds after the
 * first of it, goes in the next one, as batched statements in one transaction. A sender does not wait for the
 * database between messages, only at the end of its batch; the price is that a crash can lose the last few milliseconds of records, and an email
 * accepted in those milliseconds is sent again with the same Message-ID — the duplicates stay bounded by the
 * messages in flight. SMS do not come here: their hand-over is recorded before it begins, because an
 * interrupted one is settled against the provider's records.
 */
@Component
class OutboxRecorder implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(OutboxRecorder.class);

	private static final int MOST_PER_WRITE = 2_000;

	/** How long a write waits for more after its first entry (a sender waits for its batch's records that much longer). */
	private static final Duration LINGER = Duration.ofMillis(10);

	/** What a sender did with one claimed message. */
	sealed interface Entry {

		OutboxMessage message();

		CompletableFuture<Void> written();

	}

	record HandingOver(OutboxMessage message, Instant at, CompletableFuture<Void> written) implements Entry {
	}

	record Sent(OutboxMessage message, String providerId, OutboxMessage.Rendered rendered, Instant at,
			CompletableFuture<Void> written) implements Entry {
	}

	record Retry(OutboxMessage message, String error, Instant at, CompletableFuture<Void> written) implements Entry {
	}

	record Failed(OutboxMessage message, String error, CompletableFuture<Void> written) implements Entry {
	}

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();

	private final Thread writer;

	private volatile boolean stopping;

	OutboxRecorder(Outbox outbox, TransactionTemplate transactions) {
		this.outbox = outbox;
		this.transactions = transactions;
		this.writer = new Thread(this::writeWhileRunning, "outbox-recorder");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	CompletableFuture<Void> handingOver(OutboxMessage message, Instant at) {
		return add(new HandingOver(message, at, new CompletableFuture<>()));
	}

	CompletableFuture<Void> sent(OutboxMessage message, String providerId, OutboxMessage.Rendered rendered, Instant at) {
		return add(new Sent(message, providerId, rendered, at, new CompletableFuture<>()));
	}

	CompletableFuture<Void> retry(OutboxMessage message, String error, Instant at) {
		return add(new Retry(message, error, at, new CompletableFuture<>()));
	}

	CompletableFuture<Void> failed(OutboxMessage message, String error) {
		return add(new Failed(message, error, new CompletableFuture<>()));
	}

	private CompletableFuture<Void> add(Entry entry) {
		if (stopping) {
			write(List.of(entry)); // Shutting down: the caller's own thread writes it.
		}
		else {
			queue.add(entry);
		}
		return entry.written();
	}

	private void writeWhileRunning() {
		List<Entry> entries = new ArrayList<>();
		while (!stopping) {
			try {
				Entry first = queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				entries.add(first);
				gather(entries);
				write(entries);
				entries.clear();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * What else comes within {@link #LINGER} of the first entry: an email's outcome follows its hand-over by the
	 * few milliseconds SMTP takes, and written together they are one row update instead of two (every update of
	 * a message rewrites its entries in each of the outbox's indexes); fewer, larger transactions besides.
	 */
	private void gather(List<Entry> entries) throws InterruptedException {
		long until = System.nanoTime() + LINGER.toNanos();
		while (true) {
			queue.drainTo(entries, MOST_PER_WRITE - entries.size());
			long left = until - System.nanoTime();
			Entry next = entries.size() < MOST_PER_WRITE && left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
			if (next == null) {
				return;
			}
			entries.add(next);
		}
	}

	/**
	 * Hand-overs first, then outcomes: a message's outcome always follows its hand-over, and different
	 * messages do not touch each other's rows.
	 */
	private void write(List<Entry> entries) {
		try {
			// A hand-over whose outcome came in the same write is not written on its own: the outcome's row
			// update records both (the row ends as it would after two updates, for half the index work).
			Map<Long, Instant> begunAt = new HashMap<>();
			select(entries, HandingOver.class).forEach(begun -> begunAt.put(begun.message().id(), begun.at()));
			Set<Long> concluded = entries.stream().filter(entry -> !(entry instanceof HandingOver))
				.map(entry -> entry.message().id()).collect(Collectors.toSet());
			Map<Long, Instant> withOutcome = new HashMap<>(begunAt);
			withOutcome.keySet().retainAll(concluded);
			transactions.executeWithoutResult(status -> {
				outbox.handingOverAll(select(entries, HandingOver.class).stream()
					.filter(begun -> !concluded.contains(begun.message().id())).toList());
				outbox.sentAll(select(entries, Sent.class), withOutcome);
				outbox.retryAll(select(entries, Retry.class), withOutcome);
				outbox.failedAll(select(entries, Failed.class), withOutcome);
			});
			entries.forEach(entry -> entry.written().complete(null));
		}
		catch (RuntimeException e) {
			// The messages keep their claim; once its lease runs out they are taken back and sent again.
			log.error("Could not record what the senders did with {} message(s): {}", entries.size(), e.toString());
			entries.forEach(entry -> entry.written().completeExceptionally(e));
		}
	}

	private static <T extends Entry> List<T> select(List<Entry> entries, Class<T> type) {
		return entries.stream().filter(type::isInstance).map(type::cast).toList();
	}

	@Override
	public void destroy() throws InterruptedException {
		stopping = true;
		writer.join(TimeUnit.SECONDS.toMillis(10)); // Not interrupted: it may be in the middle of a write.
		List<Entry> rest = new ArrayList<>();
		queue.drainTo(rest);
		if (!rest.isEmpty()) {
			write(rest);
		}
	}

}
