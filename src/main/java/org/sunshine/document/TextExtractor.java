package org.sunshine.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.jsoup.Jsoup;
import org.springframework.stereotype.Component;

/**
 * Reads the text of a PDF page by page (PDFBox) or of an HTML page (jsoup), within the module's caps: pages,
 * characters per page, time, and memory (beyond {@code max-memory} PDFBox works in temporary files). Whatever a
 * file does, the answer is text, a partial text with a note, or a note: never an exception.
 */
@Component
class TextExtractor {

	private final DocumentProperties properties;

	TextExtractor(DocumentProperties properties) {
		this.properties = properties;
	}

	DocumentText extract(byte[] body, String contentType) {
		if (isPdf(body)) {
			return pdf(body);
		}
		if (isHtml(body, contentType)) {
			return html(body);
		}
		return DocumentText.unreadable("not a PDF or HTML document"
				+ (contentType == null ? "" : " (" + contentType.strip() + ")"));
	}

	private DocumentText pdf(byte[] body) {
		long deadline = System.nanoTime() + properties.maxReadTime().toNanos();
		MemoryUsageSetting memory = MemoryUsageSetting.setupMixed(properties.maxMemory().toBytes());
		try (PDDocument document = Loader.loadPDF(new RandomAccessReadBuffer(body), "", null, null, memory.streamCache)) {
			int total = document.getNumberOfPages();
			int limit = Math.min(total, properties.maxPages());
			PageTextStripper stripper = new PageTextStripper(properties.maxPageChars(), deadline);
			String note = null;
			try {
				stripper.read(document, limit);
			}
			catch (PageTextStripper.OutOfTime e) {
				note = "reading stopped after " + properties.maxReadTime().toSeconds() + " s";
			}
			List<String> pages = stripper.pages();
			if (note == null && total > limit) {
				note = "only the first " + limit + " of " + total + " pages read";
			}
			else if (note != null) {
				note = note + ": " + pages.size() + " of " + total + " pages read";
			}
			DocumentText text = new DocumentText(pages, pages.size(), note);
			if (!text.hasText() && note == null) {
				return new DocumentText(pages, pages.size(), "no text in this PDF (a scanned image?)");
			}
			return text;
		}
		catch (InvalidPasswordException e) {
			return DocumentText.unreadable("the PDF is encrypted");
		}
		catch (IOException | RuntimeException e) {
			// Truncated and malformed files end here; PDFBox has already tried to repair what it could.
			return DocumentText.unreadable("unreadable PDF: " + e.getClass().getSimpleName()
					+ (e.getMessage() == null ? "" : ": " + e.getMessage()));
		}
		catch (StackOverflowError e) {
			// Deeply nested objects in a hostile file; the stack is unwound and nothing else is affected.
			return DocumentText.unreadable("unreadable PDF: nested too deeply");
		}
	}

	private DocumentText html(byte[] body) {
		// jsoup reads the charset from a BOM or a <meta> element, else UTF-8.
		try {
			String text = Jsoup.parse(new ByteArrayInputStream(body), null, "").body().text();
			String page = text.length() > properties.maxPageChars() ? text.substring(0, properties.maxPageChars()) : text;
			DocumentText read = new DocumentText(List.of(page.strip()), null, null);
			return read.hasText() ? read : new DocumentText(List.of(), null, "no text on this page");
		}
		catch (IOException e) {
			return DocumentText.unreadable("unreadable HTML: " + e.getMessage());
		}
	}

	/** A PDF starts with "%PDF-", though some servers put a few bytes of junk before it. */
	static boolean isPdf(byte[] body) {
		String head = new String(body, 0, Math.min(body.length, 1024), StandardCharsets.ISO_8859_1);
		return head.contains("%PDF-");
	}

	private static boolean isHtml(byte[] body, String contentType) {
		if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) {
			return true;
		}
		String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1)
			.toLowerCase(Locale.ROOT);
		return head.contains("<html") || head.contains("<!doctype html");
	}

}
