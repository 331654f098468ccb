package org.sunshine.document;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * PDFBox's text stripper, one pass over the document, cutting its output at page ends. It looks at the deadline
 * between pages and every so many operators inside one, so a hostile content stream (a zip bomb of drawing
 * operators) stops in time instead of holding the sweep.
 */
final class PageTextStripper extends PDFTextStripper {

	/** Thrown, and caught by the extractor, when the deadline passes: the pages read so far are kept. */
	static final class OutOfTime extends IOException {

		OutOfTime() {
			super("out of time");
		}

	}

	private final CappedWriter page;

	private final long deadline;

	private final List<String> pages = new ArrayList<>();

	private long steps;

	PageTextStripper(int maxPageChars, long deadlineNanos) {
		this.page = new CappedWriter(maxPageChars);
		this.deadline = deadlineNanos;
		setSortByPosition(true);
	}

	/** Reads pages 1 to {@code maxPages} into {@link #pages()}; on {@link OutOfTime} the pages read are kept. */
	void read(PDDocument document, int maxPages) throws IOException {
		setStartPage(1);
		setEndPage(maxPages);
		writeText(document, page);
	}

	List<String> pages() {
		return pages;
	}

	@Override
	protected void startPage(PDPage current) throws IOException {
		checkTime();
		page.take();
		super.startPage(current);
	}

	@Override
	protected void endPage(PDPage current) throws IOException {
		super.endPage(current);
		pages.add(page.take().strip());
	}

	@Override
	protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
		if (++steps % 4096 == 0) {
			checkTime();
		}
		super.processOperator(operator, operands);
	}

	private void checkTime() throws OutOfTime {
		if (System.nanoTime() - deadline > 0) {
			throw new OutOfTime();
		}
	}

}
