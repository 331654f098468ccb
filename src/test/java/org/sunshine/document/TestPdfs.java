package org.sunshine.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Real agenda PDFs from the corpus, and variants of them derived in the test (as the corpus README asks). */
final class TestPdfs {

	private TestPdfs() {
	}

	/** Gardena's Planning Commission agenda packet: 7 pages, the staff report on p. 3, two scanned pages at the end. */
	static byte[] gardena() {
		return resource("gardena-agenda.pdf");
	}

	/** Duarte's agenda: one page, a scanned image without text. */
	static byte[] scanned() {
		return resource("duarte-agenda-scanned.pdf");
	}

	static byte[] lomita() {
		return resource("lomita-agenda.pdf");
	}

	static byte[] resource(String name) {
		try (InputStream in = TestPdfs.class.getResourceAsStream(name)) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The document with one more page at the end carrying {@code text}. */
	static byte[] withPage(byte[] pdf, String text) {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			PDPage page = new PDPage();
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
				content.newLineAtOffset(72, 700);
				content.showText(text);
				content.endText();
			}
			return save(document);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The same pages with another producer in its metadata: other bytes, the same text. */
	static byte[] resaved(byte[] pdf, String producer) {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			document.getDocumentInformation().setProducer(producer);
			return save(document);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The document locked with a password a reader needs to open it. */
	static byte[] encrypted(byte[] pdf) {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
					new AccessPermission());
			policy.setEncryptionKeyLength(128);
			document.protect(policy);
			return save(document);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The first part of the file only, as a download cut off half way. */
	static byte[] truncated(byte[] pdf) {
		return Arrays.copyOf(pdf, pdf.length / 3);
	}

	private static byte[] save(PDDocument document) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		document.save(out);
		return out.toByteArray();
	}

}
