package org.sunshine.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sunshine.subscription.Interest;
import org.sunshine.subscription.Subscriptions;

/**
 * The index takes in an interest added, changed or removed without being built again, stores a query once
 * however many hold it, and is built again only when the alias groups change.
 */
class InterestIndexTests {

	@TempDir
	Path directory;

	final Subscriptions subscriptions = mock(Subscriptions.class);

	final List<Interest> active = new ArrayList<>();

	int version;

	InterestIndex index;

	@BeforeEach
	void setUp() {
		when(subscriptions.activeInterests()).thenAnswer(invocation -> List.copyOf(active));
		when(subscriptions.interestVersion()).thenAnswer(invocation -> String.valueOf(version));
		index = new InterestIndex(subscriptions,
				new InterestQueries(new AliasGroups(directory.resolve("aliases.yml"))));
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
	}

	@Test
	void aQueryIsStoredOnceHoweverManyHoldIt() {
		change(() -> {
			for (long id = 1; id <= 50; id++) {
				active.add(interest(id, id % 2 == 0 ? "stormwater" : "Stormwater"));
			}
			active.add(interest(51, "seawall"));
		});

		assertThat(hitInterests("Stormwater utility fee")).hasSize(50);
		assertThat(index.storedQueries()).isEqualTo(2);

		change(() -> active.removeIf(interest -> interest.id() <= 49));
		assertThat(hitInterests("Stormwater utility fee")).containsExactly(50L);
		assertThat(index.storedQueries()).isEqualTo(2);
		assertThat(index.builds()).isEqualTo(1);
	}

	@Test
	void anEditOfTheAliasGroupsBuildsTheIndexAgain() throws IOException {
		change(() -> active.add(interest(1, "stormwater")));
		assertThat(hitInterests("Drainage ditch")).isEmpty();

		Files.writeString(directory.resolve("aliases.yml"), "aliases:\n  - [stormwater, drainage]\n");

		assertThat(hitInterests("Drainage ditch")).containsExactly(1L);
		assertThat(index.builds()).isEqualTo(2);
	}

	private void change(Runnable change) {
		change.run();
		version++;
	}

	private List<Long> hitInterests(String text) {
		return index.match(List.of(text)).get(0).stream().map(hit -> hit.interest().id()).toList();
	}

	private static Interest interest(long id, String term) {
		return new Interest(id, 100 + id, List.of(term), List.of());
	}

}
