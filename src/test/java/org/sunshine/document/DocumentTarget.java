package org.sunshine.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.springframework.util.unit.DataSize;
import org.sunshine.Mutations.Seed;

/**
 * The text extractor as a fuzz target, once for PDF and once for HTML: the real documents it starts from and
 * {@link #check} of what any bytes may make it do. Its contract is stricter than a reader's: whatever a file holds,
 * the answer is text within the caps, a partial text with a note, or a note, and never an exception.
 */
enum DocumentTarget {

	PDF("application/pdf", List.of("chi-human-relations-agenda.pdf", "nashcounty-agenda.pdf")),

	/** Agenda pages as HTML: the Granicus captures the reader tests use. */
	HTML("text/html; charset=utf-8", List.of("/org/sunshine/feed/read/city-scrapers-ca__burbank.html",
			"/org/sunshine/feed/read/city-scrapers-ca__cityofgardena.html"));

	static final int MAX_PAGES = 20;

	static final int MAX_PAGE_CHARS = 20_000;

	private static final TextExtractor EXTRACTOR = new TextExtractor(
			new DocumentProperties(DataSize.ofMegabytes(50), MAX_PAGES, MAX_PAGE_CHARS,
					Duration.ofSeconds(60), DataSize.ofMegabytes(32),
					Duration.ofHours(1), Duration.ofMinutes(5)));

	private final String contentType;

	private final List<String> seedNames;

	DocumentTarget(String contentType, List<String> seedNames) {
		this.contentType = contentType;
		this.seedNames = seedNames;
	}

	List<Seed> seeds() {
		return seedNames.stream().map(name -> new Seed(name, TestPdfs.resource(name))).toList();
	}

	/** Extracts {@code input}; throws AssertionError when the answer breaks a cap, and lets any exception escape. */
	void check(byte[] input) {
		DocumentText text = EXTRACTOR.extract(input, contentType);
		assertThat(text).isNotNull();
		assertThat(text.pages()).hasSizeLessThanOrEqualTo(MAX_PAGES);
		assertThat(text.pages()).allSatisfy(page -> assertThat(page.length()).isLessThanOrEqualTo(MAX_PAGE_CHARS));
		assertThat(text.hasText() || text.error() != null).as("text or a note").isTrue();
	}

}
