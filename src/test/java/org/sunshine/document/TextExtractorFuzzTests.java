package org.sunshine.document;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the text extractor with Jazzer, before a release (README, "Fuzzing"): the checks of
 * {@link TextExtractorMutationTests} on inputs evolved from real agenda PDFs and pages. In a normal build each method
 * runs only on its seeds in {@code TextExtractorFuzzTestsInputs/<method>/}.
 */
class TextExtractorFuzzTests {

	@FuzzTest(maxDuration = "10m")
	void pdf(byte[] input) {
		DocumentTarget.PDF.check(input);
	}

	@FuzzTest(maxDuration = "10m")
	void html(byte[] input) {
		DocumentTarget.HTML.check(input);
	}

}
