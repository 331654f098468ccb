package org.sunshine.document;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sunshine.Mutations;
import org.sunshine.Mutations.Mutation;

/**
 * The text extractor over fixed mutations of real agenda PDFs and pages in every build, as
 * {@code ReaderMutationTests} does for the feed readers: it must answer each with text or a note, within its caps.
 * {@link TextExtractorFuzzTests} runs the same checks under Jazzer for longer.
 */
class TextExtractorMutationTests {

	static final long SEED = 13;

	/** PDFBox takes tens of milliseconds a file: fewer than the readers get, and small seeds. */
	static final int MUTATIONS = 150;

	/** Not a time limit on extraction: it only stops an extraction that never returns. */
	private static final Duration HANG = Duration.ofMinutes(5);

	@ParameterizedTest
	@EnumSource
	void everyMutationGivesTextOrANoteWithinTheCaps(DocumentTarget target) {
		Mutations mutations = new Mutations(target.seeds(), SEED);
		AtomicReference<Mutation> current = new AtomicReference<>();
		assertTimeoutPreemptively(HANG, () -> mutations.first(MUTATIONS).forEach(mutation -> {
			current.set(mutation);
			try {
				target.check(mutation.bytes());
			}
			catch (Throwable failure) {
				throw new AssertionError("text extractor (" + target + ") failed on " + mutation.describe()
						+ ", saved as " + mutation.save("document-" + target.name()) + ": " + failure, failure);
			}
		}), () -> "text extractor (" + target + ") did not return from " + current.get().describe());
	}

}
