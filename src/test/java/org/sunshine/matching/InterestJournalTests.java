package org.sunshine.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.sunshine.MutableClock;
import org.sunshine.TestClockConfiguration;
import org.sunshine.subscription.Channel;
import org.sunshine.subscription.ConfirmationRequested;
import org.sunshine.subscription.NewSubscription;
import org.sunshine.subscription.Preferences;
import org.sunshine.subscription.ActiveInterests;
import org.sunshine.subscription.Subscriptions;

/**
 * The interest index over the real subscription module and database: sign-up and confirmation, a change on the
 * manage page, unsubscribing, and SMS STOP / START reach the next match through the journal of interest changes,
 * on two indexes at once (two nodes over one database), without either reading every interest again.
 */
@SpringBootTest(properties = { "sunshine.feeds-file=target/no-feeds.yml", "sunshine.outbox-dir=target/test-outbox" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
@RecordApplicationEvents
class InterestJournalTests {

	static final AtomicInteger counter = new AtomicInteger();

	@MockitoSpyBean
	Subscriptions subscriptions;

	@Autowired
	InterestQueries compiler;

	@Autowired
	MutableClock clock;

	@Autowired
	ApplicationEvents events;

	InterestIndex node;

	InterestIndex otherNode;

	@BeforeEach
	void twoNodesBuiltFromTheDatabase() {
		node = new InterestIndex(subscriptions, compiler, clock);
		otherNode = new InterestIndex(subscriptions, compiler, clock);
		node.match(List.of("anything"));
		otherNode.match(List.of("anything"));
		clearInvocations(subscriptions);
	}

	@Test
	void signUpConfirmManageAndUnsubscribeReachTheNextMatchOnEveryNodeWithoutABuild() {
		String word = word();
		String other = word();
		events.clear();
		subscriptions.subscribe(new NewSubscription("journal" + counter.incrementAndGet() + "@example.org", null, "en",
				List.of(word), List.of(), null, null, null, null, null, "test"), "127.0.0.1");
		ConfirmationRequested request = events.stream(ConfirmationRequested.class).findFirst().orElseThrow();
		long subscriber = request.subscriberId();
		assertThat(subscribersHit(node, word)).doesNotContain(subscriber);

		subscriptions.confirm(request.token(), "127.0.0.1");
		assertThat(subscribersHit(node, word)).containsExactly(subscriber);
		assertThat(subscribersHit(otherNode, word)).containsExactly(subscriber);

		subscriptions.update(request.token(), new Preferences(List.of(other), null, null, null, null, null, null, null,
				null, null));
		assertThat(subscribersHit(node, word)).isEmpty();
		assertThat(subscribersHit(node, other)).containsExactly(subscriber);
		assertThat(subscribersHit(otherNode, other)).containsExactly(subscriber);

		subscriptions.unsubscribe(request.token(), Subscriptions.Scope.EVERYTHING, null);
		assertThat(subscribersHit(node, other)).isEmpty();
		assertThat(subscribersHit(otherNode, other)).isEmpty();

		assertThat(node.builds()).isEqualTo(1);
		assertThat(otherNode.builds()).isEqualTo(1);
		verify(subscriptions, never()).activeInterests();
		verify(subscriptions, atLeastOnce()).activeInterestsOf(anyCollection());
	}

	@Test
	void stopAndStartByTextReachTheNextMatch() {
		String word = word();
		String number = "+1305556" + String.format("%04d", counter.incrementAndGet());
		events.clear();
		subscriptions.subscribe(new NewSubscription(null, number, "en", List.of(word), List.of(), null, null, null, null,
				null, "test"), "127.0.0.1");
		ConfirmationRequested request = events.stream(ConfirmationRequested.class)
			.filter(event -> event.channel() == Channel.SMS).findFirst().orElseThrow();
		long subscriber = request.subscriberId();

		subscriptions.receiveSms(number, "YES");
		assertThat(subscribersHit(node, word)).containsExactly(subscriber);

		subscriptions.receiveSms(number, "STOP");
		assertThat(subscribersHit(node, word)).isEmpty();
		assertThat(subscribersHit(otherNode, word)).isEmpty();

		subscriptions.receiveSms(number, "START");
		assertThat(subscribersHit(node, word)).containsExactly(subscriber);
		assertThat(subscribersHit(otherNode, word)).containsExactly(subscriber);

		assertThat(node.builds()).isEqualTo(1);
		verify(subscriptions, never()).activeInterests();
	}

	@Test
	void aNodeThatMissedRowsPrunedFromTheJournalBuildsWhole() {
		long seen = subscriptions.interestJournal().latest();
		String word = word();
		long subscriber = signUpAndConfirm(word);
		signUpAndConfirm(word());
		clock.advance(Subscriptions.JOURNAL_KEPT.plusHours(1));

		subscriptions.pruneInterestJournal();

		ActiveInterests.InterestJournal journal = subscriptions.interestJournal();
		assertThat(journal.oldest()).isEqualTo(journal.latest()).isGreaterThan(seen + 1);
		assertThat(subscribersHit(node, word)).containsExactly(subscriber);
		assertThat(node.builds()).isEqualTo(2);
	}

	private long signUpAndConfirm(String word) {
		events.clear();
		subscriptions.subscribe(new NewSubscription("journal" + counter.incrementAndGet() + "@example.org", null, "en",
				List.of(word), List.of(), null, null, null, null, null, "test"), "127.0.0.1");
		ConfirmationRequested request = events.stream(ConfirmationRequested.class).findFirst().orElseThrow();
		subscriptions.confirm(request.token(), "127.0.0.1");
		return request.subscriberId();
	}

	private static String word() {
		return "quokka" + counter.incrementAndGet() + "x";
	}

	private static List<Long> subscribersHit(InterestIndex index, String word) {
		return index.match(List.of("An item about " + word + " and more")).get(0).queries().stream()
			.flatMap(hit -> hit.holders().stream()).map(holder -> holder.interest().subscriberId()).toList();
	}

}
