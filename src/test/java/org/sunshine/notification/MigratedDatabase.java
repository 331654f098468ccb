package org.sunshine.notification;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Sunshine's schema, migrated by Flyway, for a test of one database's SQL: on the shared PostgreSQL in a schema
 * of its own (dropped on close), on H2 in a database of its own. Without CI set, a PostgreSQL test is skipped
 * when no server runs on 127.0.0.1:5432.
 */
final class MigratedDatabase implements AutoCloseable {

	static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

	private final boolean postgres;

	private final String schema;

	private final DataSource dataSource;

	private MigratedDatabase(String database) {
		this.postgres = database.equals("postgresql");
		this.schema = "sunshine_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		if (this.postgres && System.getenv("CI") == null) {
			assumeTrue(reachable(), "PostgreSQL is not running on 127.0.0.1:5432");
		}
		this.dataSource = this.postgres
				? new DriverManagerDataSource(POSTGRES + "?currentSchema=" + this.schema, "postgres", "")
				: new DriverManagerDataSource("jdbc:h2:mem:" + this.schema + ";DB_CLOSE_DELAY=-1", "sa", "");
		var flyway = Flyway.configure().dataSource(this.dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/" + database);
		(this.postgres ? flyway.schemas(this.schema).defaultSchema(this.schema) : flyway).load().migrate();
	}

	/** @param database {@code h2} or {@code postgresql}, as the migration folders are named */
	static MigratedDatabase of(String database) {
		return new MigratedDatabase(database);
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	JdbcClient jdbc() {
		return JdbcClient.create(this.dataSource);
	}

	@Override
	public void close() throws SQLException {
		if (this.postgres) {
			try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("drop schema if exists " + this.schema + " cascade");
			}
		}
	}

	private static boolean reachable() {
		try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "")) {
			return connection.isValid(2);
		}
		catch (SQLException e) {
			return false;
		}
	}

}
