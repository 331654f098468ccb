package org.sunshine.feed.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sunshine.Mutations;
import org.sunshine.Mutations.Mutation;

/**
 * Every reader over a few hundred fixed mutations of the real captures (see {@link Mutations}), in every build: each
 * must be read within bounds or refused with the reader's own failure. A failure names the reader, the seed file and
 * the mutation's index, and saves the input under {@code target/fuzz-failures/}; {@code new Mutations(target.seeds(),
 * SEED).mutation(index)} makes it again. {@link ReaderFuzzTests} runs the same checks under Jazzer for longer.
 */
class ReaderMutationTests {

	static final long SEED = 13;

	static final int MUTATIONS = 300;

	/** Not a time limit on the readers (they take seconds): it only stops a reader that never returns. */
	private static final Duration HANG = Duration.ofMinutes(5);

	@ParameterizedTest
	@EnumSource
	void everyMutationIsReadWithinBoundsOrRefused(ReaderTarget target) {
		Mutations mutations = new Mutations(target.seeds(), SEED);
		AtomicReference<Mutation> current = new AtomicReference<>();
		long read = assertTimeoutPreemptively(HANG, () -> mutations.first(MUTATIONS).filter(mutation -> {
			current.set(mutation);
			return check(target, mutation);
		}).count(), () -> target + " did not return from " + current.get().describe());

		assertThat(read).as("mutations read rather than refused: the fuzzing gets past the parser").isGreaterThan(MUTATIONS / 10);
	}

	private static boolean check(ReaderTarget target, Mutation mutation) {
		try {
			return target.check(mutation.bytes());
		}
		catch (Throwable failure) {
			throw new AssertionError(target + " failed on " + mutation.describe() + ", saved as "
					+ mutation.save(target.name()) + ": " + failure, failure);
		}
	}

}
