package org.sunshine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link FeedTextTests} on PostgreSQL 15, which refuses a NUL in text where H2 stores it, in a schema of its
 * own as {@link PostgresIntegrationTests} does.
 */
@ActiveProfiles({ "test", "postgres" })
class FeedTextPostgresTests extends FeedTextTests {

	static final String SCHEMA = "sunshine_text_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		if (System.getenv("CI") == null) {
			assumeTrue(reachable(), "PostgreSQL is not running on 127.0.0.1:5432");
		}
		registry.add("spring.datasource.url", () -> PostgresIntegrationTests.URL + "?currentSchema=" + SCHEMA);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.flyway.schemas", () -> SCHEMA);
		registry.add("spring.flyway.default-schema", () -> SCHEMA);
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		if (!reachable()) {
			return;
		}
		try (Connection connection = DriverManager.getConnection(PostgresIntegrationTests.URL, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists " + SCHEMA + " cascade");
		}
	}

	private static boolean reachable() {
		try (Connection connection = DriverManager.getConnection(PostgresIntegrationTests.URL, "postgres", "")) {
			return connection.isValid(2);
		}
		catch (SQLException e) {
			return false;
		}
	}

}
