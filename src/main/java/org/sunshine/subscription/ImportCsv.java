package org.sunshine.subscription;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;
import org.sunshine.system.InvalidFieldException;

/**
 * The import file's format: its header, and each row checked with the sign-up API's own rules
 * ({@link SubscriptionValidator}) plus the consent columns. A row at fault names its column.
 */
@Component
class ImportCsv {

	static final List<String> COLUMNS = List.of("email", "phone", "language", "interests", "consent_at", "consent_source");

	/** RFC 4180, keeping blank lines as records so that the parser's line count stays the file's. */
	static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

	private static final int MAX_SOURCE_LENGTH = 200;

	private final SubscriptionValidator validator;

	private final Clock clock;

	ImportCsv(SubscriptionValidator validator, Clock clock) {
		this.validator = validator;
		this.clock = clock;
	}

	/**
	 * Where each of {@link #COLUMNS} is in the file; the columns may come in any order.
	 * @throws InvalidFieldException naming "header" and the columns missing, unknown or repeated
	 */
	static int[] columns(CSVRecord header) {
		List<String> names = header.stream()
			.map(name -> name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT)) // a BOM from spreadsheets
			.toList();
		List<String> unknown = names.stream().filter(name -> !COLUMNS.contains(name)).toList();
		List<String> missing = COLUMNS.stream().filter(name -> !names.contains(name)).toList();
		List<String> repeated = COLUMNS.stream().filter(name -> names.indexOf(name) != names.lastIndexOf(name)).toList();
		List<String> problems = new ArrayList<>();
		if (!missing.isEmpty()) {
			problems.add("missing column(s) " + String.join(", ", missing));
		}
		if (!unknown.isEmpty()) {
			problems.add("unknown column(s) " + String.join(", ", unknown.stream().map(name -> "'" + name + "'").toList()));
		}
		if (!repeated.isEmpty()) {
			problems.add("repeated column(s) " + String.join(", ", repeated));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldException("header", String.join("; ", problems) + ". The first line must be the header "
					+ String.join(",", COLUMNS) + " (in any order).");
		}
		return COLUMNS.stream().mapToInt(names::indexOf).toArray();
	}

	/** A line with nothing on it, skipped without counting. */
	static boolean isBlank(CSVRecord record) {
		return record.size() == 1 && record.get(0).isBlank();
	}

	/**
	 * The row as a sign-up would be validated, with its consent.
	 * @throws InvalidFieldException naming the first column at fault (null when the row has the wrong shape)
	 */
	ImportRow row(CSVRecord record, int[] columns) {
		if (record.size() != COLUMNS.size()) {
			throw new InvalidFieldException(null, "expected " + COLUMNS.size() + " values (" + String.join(",", COLUMNS)
					+ "), found " + record.size());
		}
		String[] values = Arrays.stream(columns).mapToObj(i -> record.get(i).strip()).toArray(String[]::new);
		for (int i = 0; i < values.length; i++) {
			if (values[i].indexOf('\uFFFD') >= 0) {
				throw new InvalidFieldException(COLUMNS.get(i), "bytes that are not text in the file's encoding (UTF-8 unless "
						+ "Content-Type names another, e.g. text/csv; charset=windows-1252)");
			}
		}
		List<String> interests = Arrays.stream(values[3].split(";")).map(String::strip).filter(term -> !term.isEmpty()).toList();
		SubscriptionValidator.Valid valid;
		try {
			valid = validator.validate(new NewSubscription(values[0], values[1], values[2], interests, null, null, null,
					null, null, null, "import"));
		}
		catch (InvalidFieldException e) {
			throw column(e);
		}
		return new ImportRow(valid, consentAt(values[4]).toInstant(), consentSource(values[5]));
	}

	/** The validator speaks of JSON fields ("interests[2]"); the import names the column and the term. */
	private static InvalidFieldException column(InvalidFieldException e) {
		if (e.field() != null && e.field().startsWith("interests[")) {
			int index = Integer.parseInt(e.field().substring("interests[".length(), e.field().length() - 1));
			return new InvalidFieldException("interests", "term " + (index + 1) + ": " + e.getMessage());
		}
		return e;
	}

	private OffsetDateTime consentAt(String value) {
		if (value.isEmpty()) {
			throw new InvalidFieldException("consent_at", "when the person gave consent is required");
		}
		OffsetDateTime consentAt;
		try {
			consentAt = OffsetDateTime.parse(value);
		}
		catch (DateTimeParseException e) {
			throw new InvalidFieldException("consent_at", "not an ISO-8601 time with offset, e.g. 2024-03-01T09:30:00-05:00");
		}
		if (consentAt.toInstant().isAfter(clock.instant())) {
			throw new InvalidFieldException("consent_at", "consent cannot be given in the future");
		}
		return consentAt;
	}

	private static String consentSource(String value) {
		if (value.isEmpty()) {
			throw new InvalidFieldException("consent_source", "where the person gave consent is required, e.g. the previous service's name");
		}
		if (value.length() > MAX_SOURCE_LENGTH) {
			throw new InvalidFieldException("consent_source", "at most " + MAX_SOURCE_LENGTH + " characters");
		}
		return value;
	}

}
