package org.sunshine.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.sunshine.subscription.Channel;

/**
 * The recorder's group commit writes a hand-over and its outcome reported together as one row update (the
 * outcome's, carrying the hand-over's time), and a hand-over whose outcome is not known yet on its own.
 */
class OutboxRecorderTests {

	static final Instant BEGUN = Instant.parse("2025-07-03T14:00:00Z");

	final Outbox outbox = mock(Outbox.class);

	final TransactionTemplate transactions = mock(TransactionTemplate.class);

	/** Each write: the hand-overs written alone, and the hand-over times given with outcomes. */
	record Write(List<Long> handedOverAlone, List<Long> sent, Map<Long, Instant> begunWithOutcome) {
	}

	final List<Write> writes = new CopyOnWriteArrayList<>();

	final CountDownLatch firstWriteMayEnd = new CountDownLatch(1);

	OutboxRecorder recorder;

	@AfterEach
	void stop() throws InterruptedException {
		firstWriteMayEnd.countDown();
		if (recorder != null) {
			recorder.destroy();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void aHandOverAndItsOutcomeReportedTogetherAreOneUpdate() throws Exception {
		doAnswer(call -> {
			call.getArgument(0, Consumer.class).accept(mock(TransactionStatus.class));
			return null;
		}).when(transactions).executeWithoutResult(any());
		List<Long> alone = new CopyOnWriteArrayList<>();
		doAnswer(call -> {
			List<OutboxRecorder.HandingOver> begun = call.getArgument(0);
			begun.forEach(entry -> alone.add(entry.message().id()));
			if (begun.stream().anyMatch(entry -> entry.message().id() == 1)) {
				// The first write holds on until the next messages' reports have queued up behind it.
				assertThat(firstWriteMayEnd.await(1, TimeUnit.MINUTES)).isTrue();
			}
			return null;
		}).when(outbox).handingOverAll(anyList());
		doAnswer(call -> {
			List<OutboxRecorder.Sent> sent = call.getArgument(0);
			Map<Long, Instant> begunAt = call.getArgument(1);
			writes.add(new Write(List.copyOf(alone), sent.stream().map(entry -> entry.message().id()).toList(),
					Map.copyOf(begunAt)));
			alone.clear();
			return null;
		}).when(outbox).sentAll(anyList(), anyMap());
		recorder = new OutboxRecorder(outbox, transactions);

		CompletableFuture<Void> first = recorder.handingOver(message(1), BEGUN);
		org.awaitility.Awaitility.await().until(() -> alone.contains(1L));
		CompletableFuture<Void> second = recorder.handingOver(message(2), BEGUN.plusSeconds(1));
		CompletableFuture<Void> third = recorder.handingOver(message(3), BEGUN.plusSeconds(2));
		CompletableFuture<Void> secondSent = recorder.sent(message(2), "m2", null, BEGUN.plusSeconds(3));
		firstWriteMayEnd.countDown();
		CompletableFuture.allOf(first, second, third, secondSent).get(1, TimeUnit.MINUTES);

		assertThat(writes).hasSize(2);
		assertThat(writes.get(0)).isEqualTo(new Write(List.of(1L), List.of(), Map.of()));
		assertThat(writes.get(1)).as("3 is still being handed over; 2 went and its hand-over goes with its outcome")
			.isEqualTo(new Write(List.of(3L), List.of(2L), Map.of(2L, BEGUN.plusSeconds(1))));
	}

	private static OutboxMessage message(long id) {
		return new OutboxMessage(id, "key-" + id, 7L, Channel.EMAIL, "ana@example.org", "announced", 1L, 1L, 1L, null, 0,
				List.of(), null, "claim-" + id, null, null);
	}

}
