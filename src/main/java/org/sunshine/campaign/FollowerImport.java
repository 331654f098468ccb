package org.sunshine.campaign;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.sunshine.subscription.Channel;
import org.sunshine.subscription.Contacts;
import org.sunshine.subscription.Subscriptions;
import org.sunshine.system.InvalidFieldException;

/**
 * An organizer brings over the list of people who already agreed to hear from the organization, with when
 * and where each agreed: header {@code email,phone,language,consent_at,consent_source} (any order). Rows are
 * checked like a follow; their contact points are stored confirmed with consent method {@code import} and the
 * row's time and source; nothing is sent to them by the import. A contact point already following is skipped.
 */
@Service
public class FollowerImport {

	static final List<String> COLUMNS = List.of("email", "phone", "language", "consent_at", "consent_source");

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

	private static final int MAX_SOURCE_LENGTH = 200;

	private final FollowerRepository repository;

	private final Subscriptions subscriptions;

	private final TransactionTemplate transactions;

	private final Clock clock;

	FollowerImport(FollowerRepository repository, Subscriptions subscriptions, TransactionTemplate transactions,
			Clock clock) {
		this.repository = repository;
		this.subscriptions = subscriptions;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A row at fault: its line in the file (the header is 1) and its column. */
	public record RowError(long line, String field, String detail) {
	}

	public record Result(int imported, int skipped, List<RowError> errors) {
	}

	public Result importCsv(Organization organization, Reader csv) {
		int imported = 0;
		int skipped = 0;
		List<RowError> errors = new ArrayList<>();
		try (CSVParser parser = FORMAT.parse(csv)) {
			var rows = parser.iterator();
			if (!rows.hasNext()) {
				throw new InvalidFieldException("header", "the file is empty; the first line must be " + String.join(",", COLUMNS));
			}
			Map<String, Integer> columns = columns(rows.next());
			while (rows.hasNext()) {
				CSVRecord row = rows.next();
				long line = row.getRecordNumber();
				if (row.size() == 1 && row.get(0).isBlank()) {
					continue;
				}
				try {
					Row valid = row(row, columns);
					Boolean added = transactions.execute(status -> store(organization, valid));
					if (Boolean.TRUE.equals(added)) {
						imported++;
					}
					else {
						skipped++;
					}
				}
				catch (InvalidFieldException e) {
					errors.add(new RowError(line, e.field(), e.getMessage()));
				}
			}
		}
		catch (IOException | UncheckedIOException e) {
			errors.add(new RowError(-1, null, "the file could not be read to its end: " + e.getMessage()));
		}
		return new Result(imported, skipped, errors);
	}

	private static Map<String, Integer> columns(CSVRecord header) {
		Map<String, Integer> columns = new java.util.HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			columns.put(header.get(i).strip().toLowerCase(Locale.ROOT).replace("\uFEFF", ""), i);
		}
		List<String> missing = COLUMNS.stream().filter(column -> !columns.containsKey(column)).toList();
		if (!missing.isEmpty()) {
			throw new InvalidFieldException("header", "missing column(s) " + missing + "; the header must name "
					+ String.join(",", COLUMNS));
		}
		return columns;
	}

	private record Row(Contacts contacts, Instant consentAt, String source) {
	}

	private Row row(CSVRecord row, Map<String, Integer> columns) {
		if (row.size() != columns.size()) {
			throw new InvalidFieldException(null, "expected " + columns.size() + " values, found " + row.size());
		}
		Contacts contacts = subscriptions.contacts(value(row, columns, "email"), value(row, columns, "phone"),
				value(row, columns, "language"));
		Instant consentAt;
		try {
			consentAt = OffsetDateTime.parse(value(row, columns, "consent_at").strip()).toInstant();
		}
		catch (DateTimeParseException | NullPointerException e) {
			throw new InvalidFieldException("consent_at", "not an ISO-8601 time with offset, e.g. 2024-03-01T10:00:00-05:00");
		}
		if (consentAt.isAfter(clock.instant())) {
			throw new InvalidFieldException("consent_at", "consent cannot be given in the future");
		}
		String source = value(row, columns, "consent_source");
		if (source == null || source.isBlank() || source.length() > MAX_SOURCE_LENGTH) {
			throw new InvalidFieldException("consent_source", "say where consent was given (at most 200 characters)");
		}
		return new Row(contacts, consentAt, source.strip());
	}

	private static String value(CSVRecord row, Map<String, Integer> columns, String column) {
		String value = row.get(columns.get(column));
		return value == null || value.isBlank() ? null : value;
	}

	/** True when a new follower was stored; false when every contact point of the row already follows. */
	private boolean store(Organization organization, Row row) {
		Instant now = clock.instant();
		Map<Channel, String> wanted = new java.util.LinkedHashMap<>();
		if (row.contacts().email() != null) {
			wanted.put(Channel.EMAIL, row.contacts().email());
		}
		if (row.contacts().phone() != null) {
			wanted.put(Channel.SMS, row.contacts().phone());
		}
		if (wanted.entrySet().stream()
			.anyMatch(entry -> repository.contact(organization.id(), entry.getKey(), entry.getValue()).isPresent())) {
			return false;
		}
		FollowerRepository.Follower follower = repository.insertFollower(organization.id(), row.contacts().language(), now);
		for (Map.Entry<Channel, String> entry : wanted.entrySet()) {
			FollowerRepository.Contact contact = repository.insertContact(follower.id(), organization.id(), entry.getKey(),
					entry.getValue(), "import", now);
			repository.setConsent(contact.id(), FollowerRepository.PENDING, FollowerRepository.CONFIRMED, "import",
					row.source(), row.consentAt());
		}
		return true;
	}

}
