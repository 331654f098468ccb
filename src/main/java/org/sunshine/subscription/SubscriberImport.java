package org.sunshine.subscription;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.sunshine.system.InvalidFieldException;

/**
 * Bulk import of subscribers from another service's list, as CSV with the header
 * {@code email,phone,language,interests,consent_at,consent_source}. Each row is checked like a sign-up; its
 * contact points are stored confirmed with consent method "import" and the row's consent time and source, and
 * nothing is sent to them. The file is read record by record and written a batch per transaction, so its size
 * costs time, not memory; the batches written stay written if a later part of the file cannot be read.
 * <p>
 * A row whose email or phone a contact point already holds is skipped: an existing subscriber's, or one that an
 * earlier row of the same file brought in (the first row with an address wins). So importing a file twice
 * imports it once.
 */
@Service
public class SubscriberImport {

	private static final Logger log = LoggerFactory.getLogger(SubscriberImport.class);

	private final ImportCsv csv;

	private final ImportRepository repository;

	private final TransactionTemplate transactions;

	private final ImportProperties properties;

	private final Clock clock;

	SubscriberImport(ImportCsv csv, ImportRepository repository, PlatformTransactionManager transactionManager,
			ImportProperties properties, Clock clock) {
		this.csv = csv;
		this.repository = repository;
		this.transactions = new TransactionTemplate(transactionManager);
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Imports every good row of the file and reports the others by line (the header is line 1).
	 * @param requestedSource where the import came from, stored beside each contact point as a sign-up's is
	 * @throws InvalidFieldException naming "header" when the first line is not the expected header; nothing is imported
	 * @throws UncheckedIOException when the stream itself fails (e.g. the client went away)
	 */
	public ImportResult importCsv(InputStream body, Charset charset, String requestedSource) {
		// Bytes that are not text in the charset become U+FFFD, which the row check refuses by line and column.
		var reader = new RowLimitReader(new InputStreamReader(unclosable(body), charset), properties.maxRowLength());
		var tally = new Tally(properties.listedErrors());
		try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(ImportCsv.FORMAT).get()) {
			Iterator<CSVRecord> records = parser.iterator();
			int[] columns = ImportCsv.columns(header(records));
			List<ImportRow> batch = new ArrayList<>(properties.batchSize());
			while (true) {
				long line = parser.getCurrentLineNumber() + 1; // blank lines are records too, so this is the file's line
				reader.startRow();
				CSVRecord record;
				try {
					if (!records.hasNext()) {
						break;
					}
					record = records.next();
				}
				catch (UncheckedIOException e) {
					tally.refuse(line, null, "the file cannot be read from this line on: " + unreadable(e));
					break;
				}
				if (ImportCsv.isBlank(record)) {
					continue;
				}
				tally.rows++;
				try {
					batch.add(csv.row(record, columns));
				}
				catch (InvalidFieldException e) {
					tally.refuse(line, e.field(), e.getMessage());
				}
				if (batch.size() >= properties.batchSize()) {
					write(batch, tally, requestedSource);
				}
				if (tally.rows % properties.progressEvery() == 0) {
					log.info("Import in progress: {} rows read, {} imported, {} skipped, {} refused", tally.rows,
							tally.imported, tally.skipped, tally.refused);
				}
			}
			write(batch, tally, requestedSource);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InvalidFieldException e) {
			throw e; // the header: nothing was read or written
		}
		catch (RuntimeException e) {
			log.warn("Import stopped after {} rows ({} imported, {} skipped, {} refused): {}", tally.rows, tally.imported,
					tally.skipped, tally.refused, e.getClass().getSimpleName());
			throw e;
		}
		if (tally.imported > tally.measured) {
			repository.measureTables();
		}
		log.info("Import done: {} rows read, {} imported, {} skipped, {} refused", tally.rows, tally.imported,
				tally.skipped, tally.refused);
		return tally.result();
	}

	/** The caller owns the stream (e.g. to read what is left of an upload); closing the parser must not close it. */
	private static InputStream unclosable(InputStream body) {
		return new FilterInputStream(body) {

			@Override
			public void close() {
			}

		};
	}

	private static CSVRecord header(Iterator<CSVRecord> records) {
		try {
			if (records.hasNext()) {
				return records.next();
			}
		}
		catch (UncheckedIOException e) {
			throw new InvalidFieldException("header", "the first line cannot be read: " + unreadable(e));
		}
		throw new InvalidFieldException("header", "the file is empty; its first line must be the header "
				+ String.join(",", ImportCsv.COLUMNS));
	}

	/** Why the file cannot be read on; a failure of the stream itself is not the file's fault and is rethrown. */
	private static String unreadable(UncheckedIOException e) {
		IOException cause = e.getCause();
		if (cause instanceof CSVException || cause instanceof RowLimitReader.RowTooLong) {
			return cause.getMessage();
		}
		throw e;
	}

	/** Writes the batch in one transaction, skipping rows whose address is taken, and empties it. */
	private void write(List<ImportRow> batch, Tally tally, String requestedSource) {
		if (batch.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		Integer written = transactions.execute(status -> {
			Set<String> taken = new HashSet<>(repository.existing(batch.stream().flatMap(row -> row.addresses().stream()).toList()));
			List<ImportRow> fresh = new ArrayList<>();
			for (ImportRow row : batch) {
				if (row.addresses().stream().noneMatch(taken::contains)) {
					fresh.add(row);
					taken.addAll(row.addresses());
				}
			}
			repository.insert(fresh, now, requestedSource);
			return fresh.size();
		});
		tally.imported += written;
		tally.skipped += batch.size() - written;
		batch.clear();
		if (tally.imported > 2 * tally.measured) {
			// Measured again each time the import has more than doubled what it wrote, so that its own look-ups of
			// taken addresses, and the senders' during a long import, are planned for the tables' size (a million
			// rows: about ten measurements, of a sample each).
			repository.measureTables();
			tally.measured = tally.imported;
		}
	}

	/** Counts so far, and the refused rows worth listing. */
	private static final class Tally {

		private final int listed;

		private final List<ImportResult.RowError> errors = new ArrayList<>();

		long rows;

		long imported;

		long skipped;

		long refused;

		/** Rows imported when the database last measured the tables. */
		long measured;

		Tally(int listed) {
			this.listed = listed;
		}

		void refuse(long line, String field, String detail) {
			refused++;
			if (errors.size() < listed) {
				errors.add(new ImportResult.RowError(line, field, detail));
			}
		}

		ImportResult result() {
			return new ImportResult(imported, skipped, errors, refused - errors.size());
		}

	}

}
