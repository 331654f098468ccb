package org.sunshine.subscription;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Caps the characters read for one CSV row. A quote left open makes a CSV parser read the rest of the file
 * as one value, into memory; this stops it after a row's worth instead. The parser reads ahead in blocks,
 * so the cap is approximate by one block, which is far below any sensible limit.
 */
class RowLimitReader extends FilterReader {

	private final int limit;

	private long read;

	RowLimitReader(Reader in, int limit) {
		super(in);
		this.limit = limit;
	}

	/** Called before each row is parsed. */
	void startRow() {
		read = 0;
	}

	@Override
	public int read() throws IOException {
		int c = super.read();
		count(c < 0 ? 0 : 1);
		return c;
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		count(Math.max(n, 0));
		return n;
	}

	private void count(int n) throws IOException {
		read += n;
		if (read > limit) {
			throw new RowTooLong("a row longer than " + limit + " characters (is a quote left open?)");
		}
	}

	static class RowTooLong extends IOException {

		RowTooLong(String message) {
			super(message);
		}

	}

}
