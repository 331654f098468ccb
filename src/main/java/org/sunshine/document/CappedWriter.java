package org.sunshine.document;

import java.io.Writer;

/** Collects one page's text and drops what goes past the cap, so a page of garbage cannot fill the heap. */
final class CappedWriter extends Writer {

	private final StringBuilder text = new StringBuilder();

	private final int max;

	CappedWriter(int max) {
		this.max = max;
	}

	@Override
	public void write(char[] buffer, int offset, int length) {
		int room = max - text.length();
		if (room > 0) {
			text.append(buffer, offset, Math.min(room, length));
		}
	}

	/** The page so far, and a fresh start for the next one. */
	String take() {
		String page = text.toString();
		text.setLength(0);
		return page;
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
	}

}
