package org.sunshine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sunshine.subscription.ImportResult;
import org.sunshine.subscription.SubscriberImport;
import org.sunshine.subscription.Subscriptions;

/**
 * The bulk import on the production database: a few thousand rows over several batches, duplicates across
 * batches, bad rows, and the same file again, on PostgreSQL 15 in a schema of its own, dropped afterwards.
 */
@SpringBootTest(properties = { "sunshine.feeds-file=target/no-feeds.yml", "sunshine.outbox-dir=target/test-outbox/postgres-import" })
@ActiveProfiles({ "test", "postgres" })
@Import(TestClockConfiguration.class)
class PostgresImportIntegrationTests {

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	static final String SCHEMA = "sunshine_import_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	static final int ROWS = 4_500;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		if (System.getenv("CI") == null) {
			assumeTrue(reachable(), "PostgreSQL is not running on 127.0.0.1:5432");
		}
		registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.flyway.schemas", () -> SCHEMA);
		registry.add("spring.flyway.default-schema", () -> SCHEMA);
	}

	@Autowired
	SubscriberImport subscriberImport;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void importsThousandsOfRowsInBatchesAndASecondRunImportsNothingTwice() {
		long journalled = subscriptions.interestJournal().latest();

		ImportResult first = importCsv(generated());
		// Past line 1,500 every 100th row repeats the email of a row 1,501 lines earlier (another batch, not
		// itself a repeat); every 250th row has a bad phone.
		long repeated = (ROWS - 1_500) / 100;
		long bad = ROWS / 250;
		assertThat(first.errors()).hasSize((int) bad).allSatisfy(error -> assertThat(error.field()).isEqualTo("phone"));
		assertThat(first.errors().get(0).line()).isEqualTo(251);
		assertThat(first.skipped()).isEqualTo(repeated);
		assertThat(first.imported()).isEqualTo(ROWS - repeated - bad);

		assertThat(jdbc.sql("select count(*) from contact_point where consent = 'CONFIRMED' and consent_method = 'import'")
			.query(Long.class).single()).isEqualTo(2 * first.imported());
		assertThat(jdbc.sql("select consent_at from contact_point where address_hash = '" + Sealed.hash("person-2@example.org") + "'")
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant()).single())
			.isEqualTo(Instant.parse("2024-03-01T14:30:00Z"));
		assertThat(jdbc.sql("select count(*) from notification").query(Long.class).single()).isZero();
		assertThat(subscriptions.interestJournal().latest()).isGreaterThan(journalled);
		assertThat(subscriptions.activeInterests()).hasSize((int) first.imported());

		// The database has measured what the import wrote: a sender's check of a batch of addresses uses the index
		// at once, not a scan of every contact point planned from defaults until autovacuum comes by.
		assertThat(jdbc.sql("select analyze_count from pg_stat_user_tables where schemaname = ? and relname = 'contact_point'")
			.param(SCHEMA).query(Long.class).single()).isPositive();
		String fifty = IntStream.range(2, 52).mapToObj(i -> "'" + Sealed.hash("person-" + i + "@example.org") + "'")
			.collect(Collectors.joining(","));
		String plan = String.join("\n", jdbc.sql("explain select address from contact_point where channel = 'EMAIL' "
				+ "and address_hash in (" + fifty + ") and consent = 'CONFIRMED'").query(String.class).list());
		assertThat(plan).contains("contact_point_address_hash").doesNotContain("Seq Scan");

		ImportResult again = importCsv(generated());
		assertThat(again.imported()).isZero();
		assertThat(again.skipped()).isEqualTo(ROWS - bad);
		assertThat(jdbc.sql("select count(*) from subscriber").query(Long.class).single()).isEqualTo(first.imported());
	}

	private ImportResult importCsv(String csv) {
		return subscriberImport.importCsv(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
				StandardCharsets.UTF_8, "import test");
	}

	private static String generated() {
		StringBuilder csv = new StringBuilder("email,phone,language,interests,consent_at,consent_source\n");
		for (int i = 2; i <= ROWS + 1; i++) {
			int person = i % 100 == 0 && i > 1_500 ? i - 1_501 : i;
			String phone = i % 250 == 1 ? "12" : "+1305%07d".formatted(5_550_000 + i);
			csv.append("person-").append(person).append("@example.org,").append(phone).append(",es,")
				.append("287(g);stormwater,2024-03-01T09:30:00-05:00,Old service export\n");
		}
		return csv.toString();
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		if (!reachable()) {
			return;
		}
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists " + SCHEMA + " cascade");
		}
	}

	private static boolean reachable() {
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
			return connection.isValid(2);
		}
		catch (SQLException e) {
			return false;
		}
	}

}
