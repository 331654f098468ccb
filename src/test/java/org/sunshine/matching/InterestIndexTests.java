package org.sunshine.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sunshine.MutableClock;
import org.sunshine.subscription.Interest;
import org.sunshine.subscription.Subscriptions;
import org.sunshine.subscription.ActiveInterests.InterestChange;
import org.sunshine.subscription.ActiveInterests.InterestJournal;

/**
 * The index takes in an interest added, changed or removed from the journal of interest changes, reading only the
 * subscribers it names, without being built again; stores a query once however many hold it; takes in a journal
 * row committed after a later one; and is built whole only at first, when the alias groups change, or when the
 * rows it had not read were pruned. The subscription module is a mock over an in-memory journal here
 * ({@code InterestJournalTests} runs the real one).
 */
class InterestIndexTests {

	@TempDir
	Path directory;

	final Subscriptions subscriptions = mock(Subscriptions.class);

	final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

	/** The interests stored, active or not. */
	final List<Interest> active = new ArrayList<>();

	/** The journal rows committed, in any order. */
	final List<InterestChange> journal = new ArrayList<>();

	long pruned;

	InterestIndex index;

	@BeforeEach
	void setUp() {
		when(subscriptions.activeInterests()).thenAnswer(invocation -> List.copyOf(active));
		when(subscriptions.activeInterestsOf(anyCollection())).thenAnswer(invocation -> {
			Collection<Long> ids = invocation.getArgument(0);
			return active.stream().filter(interest -> ids.contains(interest.subscriberId())).toList();
		});
		when(subscriptions.interestJournal()).thenAnswer(invocation -> new InterestJournal(
				journal.stream().mapToLong(InterestChange::seq).filter(seq -> seq > pruned).min().orElse(0),
				journal.stream().mapToLong(InterestChange::seq).max().orElse(0)));
		when(subscriptions.interestChangesSince(anyLong(), anyCollection())).thenAnswer(invocation -> {
			long after = invocation.getArgument(0);
			Collection<Long> also = invocation.getArgument(1);
			return journal.stream().filter(change -> change.seq() > pruned)
				.filter(change -> change.seq() > after || also.contains(change.seq())).toList();
		});
		index = new InterestIndex(subscriptions, new InterestQueries(new AliasGroups(directory.resolve("aliases.yml"))),
				clock);
	}

	@Test
	void anInterestAddedChangedOrRemovedReachesTheNextMatchWithoutABuild() {
		change(() -> active.add(interest(1, "stormwater")));
		assertThat(hitInterests("Stormwater utility fee")).containsExactly(1L);
		assertThat(index.builds()).isEqualTo(1);

		change(() -> active.add(interest(2, "seawall OR stormwater")));
		assertThat(hitInterests("Stormwater utility fee")).containsExactlyInAnyOrder(1L, 2L);

		change(() -> active.set(0, interest(1, "seawall")));
		assertThat(hitInterests("Stormwater utility fee")).containsExactly(2L);
		assertThat(hitInterests("Seawall repair")).containsExactlyInAnyOrder(1L, 2L);

		change(() -> active.remove(1));
		assertThat(hitInterests("Stormwater utility fee")).isEmpty();
		assertThat(hitInterests("Seawall repair")).containsExactly(1L);
		assertThat(index.storedQueries()).isEqualTo(1);

		change(() -> active.set(0, interest(1, "stormwater")));
		change(() -> active.add(interest(3, "seawall")));
		assertThat(hitInterests("Seawall repair")).containsExactly(3L);
		assertThat(hitInterests("Stormwater utility fee")).containsExactly(1L);
		assertThat(index.builds()).isEqualTo(1);
		verify(subscriptions, times(1)).activeInterests();
	}

	@Test
	void aMatchWithNothingNewAsksOnlyForTheJournalsBounds() {
		change(() -> active.add(interest(1, "stormwater")));
		hitInterests("Stormwater utility fee");

		hitInterests("Stormwater utility fee");
		hitInterests("Seawall repair");

		verify(subscriptions, times(3)).interestJournal();
		verify(subscriptions, never()).activeInterestsOf(anyCollection());
		verify(subscriptions, times(1)).interestChangesSince(anyLong(), anyCollection());
	}

	@Test
	void aQueryIsStoredOnceHoweverManyHoldIt() {
		change(() -> {
			for (long id = 1; id <= 50; id++) {
				active.add(interest(id, id % 2 == 0 ? "stormwater" : "Stormwater"));
			}
			active.add(interest(51, "seawall"));
		});

		assertThat(index.match(List.of("Stormwater utility fee")).get(0).queries()).singleElement()
			.satisfies(hit -> assertThat(hit.holders()).hasSize(50));
		assertThat(index.storedQueries()).isEqualTo(2);

		change(() -> active.removeIf(interest -> interest.id() <= 49));
		assertThat(hitInterests("Stormwater utility fee")).containsExactly(50L);
		assertThat(index.storedQueries()).isEqualTo(2);
		assertThat(index.builds()).isEqualTo(1);
	}

	@Test
	void theHoldersAMatchHandedOutStayAsTheyWereWhenTheyChange() {
		change(() -> active.add(interest(1, "stormwater")));
		List<InterestIndex.Holder> before = index.match(List.of("Stormwater")).get(0).queries().get(0).holders();

		change(() -> active.add(interest(2, "stormwater")));
		hitInterests("Stormwater");

		assertThat(before).extracting(holder -> holder.interest().id()).containsExactly(1L);
	}

	@Test
	void aJournalRowCommittedAfterALaterOneIsStillTakenIn() {
		change(() -> active.add(interest(1, "stormwater")));
		assertThat(hitInterests("Stormwater and seawall")).containsExactly(1L);

		// Seq 2 is taken by a sign-up whose transaction is still open when seq 3's commits.
		active.add(interest(3, "seawall"));
		journal.add(new InterestChange(3, 103));
		assertThat(hitInterests("Stormwater and seawall")).containsExactlyInAnyOrder(1L, 3L);

		active.add(interest(2, "stormwater"));
		journal.add(new InterestChange(2, 102));
		assertThat(hitInterests("Stormwater and seawall")).containsExactlyInAnyOrder(1L, 2L, 3L);
		assertThat(index.builds()).isEqualTo(1);
	}

	@Test
	void aSeqNeverCommittedIsGivenUpAfterAWhile() {
		change(() -> active.add(interest(1, "stormwater")));
		journal.add(new InterestChange(3, 101));
		hitInterests("Stormwater");
		hitInterests("Stormwater");
		// The build read the journal, and the next match asked for seq 2 again.
		verify(subscriptions, times(2)).interestChangesSince(anyLong(), anyCollection());

		clock.advance(JournalCursor.GAP_WAIT);
		hitInterests("Stormwater");
		hitInterests("Stormwater");

		verify(subscriptions, times(2)).interestChangesSince(anyLong(), anyCollection());
	}

	@Test
	void anIndexThatLostTrackOfThePrunedJournalIsBuiltWhole() {
		change(() -> active.add(interest(1, "stormwater")));
		assertThat(hitInterests("Stormwater")).containsExactly(1L);

		change(() -> active.add(interest(2, "stormwater")));
		change(() -> active.add(interest(3, "stormwater")));
		pruned = journal.get(journal.size() - 2).seq();

		assertThat(hitInterests("Stormwater")).containsExactlyInAnyOrder(1L, 2L, 3L);
		assertThat(index.builds()).isEqualTo(2);
	}

	@Test
	void anEditOfTheAliasGroupsBuildsTheIndexAgain() throws IOException {
		change(() -> active.add(interest(1, "stormwater")));
		assertThat(hitInterests("Drainage ditch")).isEmpty();

		Files.writeString(directory.resolve("aliases.yml"), "aliases:\n  - [stormwater, drainage]\n");

		assertThat(hitInterests("Drainage ditch")).containsExactly(1L);
		assertThat(index.builds()).isEqualTo(2);
	}

	/** Changes the interests and journals the subscribers whose interests changed, as the subscription module does. */
	private void change(Runnable change) {
		List<Interest> before = List.copyOf(active);
		change.run();
		active.stream().filter(interest -> !before.contains(interest)).forEach(this::journal);
		before.stream().filter(interest -> !active.contains(interest)).forEach(this::journal);
	}

	private void journal(Interest interest) {
		journal.add(new InterestChange(journal.size() + 1, interest.subscriberId()));
	}

	private List<Long> hitInterests(String text) {
		return index.match(List.of(text)).get(0).queries().stream().flatMap(hit -> hit.holders().stream())
			.map(holder -> holder.interest().id()).toList();
	}

	private static Interest interest(long id, String term) {
		return new Interest(id, 100 + id, List.of(term), List.of());
	}

}
