package org.sunshine.subscription;

import java.util.List;

/**
 * What a bulk import did: rows imported, rows skipped because an address was already held (by an existing
 * subscriber or an earlier row of the same file), and the rows refused, each by its line in the file.
 *
 * @param errors the first refused rows, in file order; at most {@code sunshine.subscription.import.listed-errors}
 * @param errorsNotListed refused rows beyond those listed, counted only, so a bad file cannot blow up the answer
 */
public record ImportResult(long imported, long skipped, List<RowError> errors, long errorsNotListed) {

	public ImportResult {
		errors = List.copyOf(errors);
	}

	/**
	 * A refused row.
	 *
	 * @param line where the row starts in the file; the header is line 1
	 * @param field the column at fault, or null when the row as a whole cannot be read
	 */
	public record RowError(long line, String field, String detail) {
	}

}
