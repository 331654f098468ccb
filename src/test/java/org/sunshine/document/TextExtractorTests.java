package org.sunshine.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Text per page from real agenda PDFs, and a recorded note instead of a failure for files that cannot be read. */
class TextExtractorTests {

	static DocumentProperties properties(int maxPages) {
		return new DocumentProperties(DataSize.ofMegabytes(50), maxPages, 100_000, Duration.ofSeconds(60),
				DataSize.ofMegabytes(32), Duration.ofHours(1), Duration.ofMinutes(5));
	}

	final TextExtractor extractor = new TextExtractor(properties(500));

	@Test
	void readsEachPageOfARealAgendaPacket() {
		DocumentText text = extractor.extract(TestPdfs.gardena(), "application/pdf");

		assertThat(text.pageCount()).isEqualTo(7);
		assertThat(text.pages()).hasSize(7);
		assertThat(text.pages().get(0)).contains("PLANNING & ENVIRONMENTAL QUALITY COMMISSION");
		assertThat(text.pages().get(2)).contains("STAFF REPORT").contains("Los Angeles County Recorder");
		assertThat(text.pages().get(1)).doesNotContain("County Recorder");
		assertThat(text.pages().get(6)).as("a scanned page has no text").isBlank();
		assertThat(text.error()).isNull();
		assertThat(text.hasText()).isTrue();
	}

	@Test
	void aScannedImageOnlyPdfIsANoteNotAFailure() {
		DocumentText text = extractor.extract(TestPdfs.scanned(), "application/pdf");

		assertThat(text.hasText()).isFalse();
		assertThat(text.pageCount()).isEqualTo(1);
		assertThat(text.error()).contains("no text").contains("scanned image");
	}

	@Test
	void anEncryptedPdfIsRecordedAsEncrypted() {
		DocumentText text = extractor.extract(TestPdfs.encrypted(TestPdfs.lomita()), "application/pdf");

		assertThat(text.hasText()).isFalse();
		assertThat(text.error()).isEqualTo("the PDF is encrypted");
	}

	@Test
	void aTruncatedPdfGivesWhatCanBeReadOrANote() {
		DocumentText text = extractor.extract(TestPdfs.truncated(TestPdfs.lomita()), "application/pdf");

		assertThat(text.hasText() || text.error() != null).isTrue();
		if (!text.hasText()) {
			assertThat(text.error()).startsWith("unreadable PDF");
		}
	}

	@Test
	void pagesPastTheCapAreLeftOutWithANote() {
		DocumentText text = new TextExtractor(properties(2)).extract(TestPdfs.gardena(), "application/pdf");

		assertThat(text.pages()).hasSize(2);
		assertThat(text.pageCount()).isEqualTo(2);
		assertThat(text.error()).isEqualTo("only the first 2 of 7 pages read");
	}

	@Test
	void readingStopsAtTheTimeCapAndKeepsNothingItCouldNotFinish() {
		TextExtractor hurried = new TextExtractor(new DocumentProperties(DataSize.ofMegabytes(50), 500, 100_000,
				Duration.ZERO, DataSize.ofMegabytes(32), Duration.ofHours(1), Duration.ofMinutes(5)));

		DocumentText text = hurried.extract(TestPdfs.gardena(), "application/pdf");

		assertThat(text.error()).startsWith("reading stopped after 0 s");
		assertThat(text.pages()).isEmpty();
	}

	@Test
	void anHtmlDocumentIsOnePageOfVisibleText() {
		byte[] html = "<html><head><title>t</title><script>var x = 'hidden';</script></head><body><h1>Staff report</h1><p>The 287(g) Task Force Model</p></body></html>"
			.getBytes(StandardCharsets.UTF_8);

		DocumentText text = extractor.extract(html, "text/html; charset=utf-8");

		assertThat(text.pages()).containsExactly("Staff report The 287(g) Task Force Model");
		assertThat(text.pageCount()).isNull();
	}

	@Test
	void anythingElseIsNamedAsUnsupported() {
		DocumentText text = extractor.extract(new byte[] { 'P', 'K', 3, 4, 0, 0 }, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

		assertThat(text.hasText()).isFalse();
		assertThat(text.error()).startsWith("not a PDF or HTML document");
	}

}
